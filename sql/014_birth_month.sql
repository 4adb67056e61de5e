-- 014_birth_month.sql — the public learns a child's birth month, never the day. A review found that
-- the listing's day filter (birth_md, "birthday=MM-DD") with the age on a card gave a listed
-- child's full birth date in 366 requests, and that an age counted from the birth date tells the
-- day too, to anyone who looks once a day.
--
-- birth_ym is the first day of the birth month: the public age is whole years since then
-- (CHILD_PUBLIC_AGE in cgi/public/public.h), so it changes on the 1st of a month, and the listing's
-- age filters and age order use it alone. birth_month is the month filter's column. public_since is
-- when the public sees a child's wait begin: its record date, but not before the month after its
-- birth month, since a child recorded in its birth month was born on or before that day. Every
-- public order ends on the child's random public code, not its id: ids follow the rows of an
-- imported ledger, which may be sorted by ID number, that is by birth date.
--
-- The indexes serve the listing as before, one per filter with the default order behind it:
-- k_listed_month for the month filter, k_listed_ym for the age filters and the age order (read
-- backwards), and the three that went by waiting_since and id go by public_since and code, so that
-- each order is still read from an index.
ALTER TABLE children
  DROP KEY k_listed_md,
  DROP KEY k_listed_birth,
  DROP COLUMN birth_md,
  ADD COLUMN birth_ym DATE AS (birth_date - INTERVAL (DAYOFMONTH(birth_date) - 1) DAY) STORED
    COMMENT 'the first of the birth month: all of the birth date that public pages use',
  ADD COLUMN birth_month TINYINT UNSIGNED AS (MONTH(birth_date)) STORED,
  ADD COLUMN public_since DATE
    AS (GREATEST(waiting_since, LAST_DAY(birth_date) + INTERVAL 1 DAY)) STORED
    COMMENT 'waiting_since as the public sees it: never inside the birth month',
  ADD KEY k_listed_ym (listed, birth_ym, code),
  ADD KEY k_listed_month (listed, birth_month, public_since, code),
  DROP KEY k_listed_wait,
  ADD KEY k_listed_wait (listed, public_since, code),
  DROP KEY k_listed_city,
  ADD KEY k_listed_city (listed, city_code, public_since, code),
  DROP KEY k_listed_county,
  ADD KEY k_listed_county (listed, county_code, public_since, code);
