-- 038_listing_covering.sql — the public listing reads a page's ids from one secondary index and
-- only the rows it shows (cgi/public/ui-children.c, issue 14). Each listing index keeps its
-- leading columns (the filter it serves, then the order it is read in, so sponsorship.c's FORCE
-- INDEX (k_listed_wait) and the orders are served as before) and gains every other filter
-- column behind them: MariaDB then checks any mix of filters on the index entries themselves
-- (the ids ride along in every InnoDB secondary index), counts without reading a row, and an
-- OFFSET skips index entries, not rows.
ALTER TABLE children
  DROP KEY k_listed_wait,
  ADD KEY k_listed_wait (listed, public_since, code,
                         birth_ym, gender, category, birth_month, city_code, county_code),
  DROP KEY k_listed_ym,
  ADD KEY k_listed_ym (listed, birth_ym, code,
                       public_since, gender, category, birth_month, city_code, county_code),
  DROP KEY k_listed_month,
  ADD KEY k_listed_month (listed, birth_month, public_since, code,
                          birth_ym, gender, category, city_code, county_code),
  DROP KEY k_listed_city,
  ADD KEY k_listed_city (listed, city_code, public_since, code,
                         birth_ym, gender, category, birth_month, county_code),
  DROP KEY k_listed_county,
  ADD KEY k_listed_county (listed, county_code, public_since, code,
                           birth_ym, gender, category, birth_month);
