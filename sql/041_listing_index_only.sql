-- 041_listing_index_only.sql — the public listing read from one index alone, and one set of rows
-- for the province's stamp (issue 14).
--
-- 038's indexes held every filter column but not every column a card shows (alias, status,
-- sponsored_before), so each entry the filters were checked on cost a read of its row: 1,625 pages
-- for a page of 20 cards behind an age filter at 10,000 children. With those three columns every
-- listing index covers CHILD_PUBLIC_COLS (cgi/core/public_child.h), and a page, a count and any
-- OFFSET are read from the index entries alone: the miss mix went from 1,105 to 2,000 pages a
-- second on one instance. status is 'waiting' on every listed row (listed's definition, 001), but
-- MariaDB reads it from where it is stored all the same.
--
-- Three such indexes, not five: each is about 12 MB at 100,000 children, every hold rewrites an
-- entry in each (listed leads them all), and the small VPS's 64 MB buffer pool must hold them
-- beside the rows the children's pages read. A county is read from its city's index in waiting
-- order (cgi/public/ui-children.c names the county's city too), about seven entries for each one
-- shown; a birth month from the order's index, twelve for each.
ALTER TABLE children
  DROP KEY k_listed_wait,
  ADD KEY k_listed_wait (listed, public_since, code, birth_ym, gender, category, birth_month,
                         city_code, county_code, status, sponsored_before, alias),
  DROP KEY k_listed_ym,
  ADD KEY k_listed_ym (listed, birth_ym, code, public_since, gender, category, birth_month,
                       city_code, county_code, status, sponsored_before, alias),
  DROP KEY k_listed_city,
  ADD KEY k_listed_city (listed, city_code, public_since, code, county_code, birth_ym, gender,
                         category, birth_month, status, sponsored_before, alias),
  DROP KEY k_listed_month,
  DROP KEY k_listed_county;

-- The listing without a city filter was stamped with the sum of every city's 16 rows: 272 rows
-- read on every request, as costly as the page's own query once that reads an index alone. The
-- province's rows (city_code '') move with a change to any child, beside its city's row, so that
-- stamp is 16 rows however many cities there are. They take the slot the writer's
-- content_generation row takes, so two writers that meet on one meet on the other already: no
-- new lock waits.
INSERT INTO children_generation (city_code, slot, gen)
  SELECT '', id, 0 FROM content_generation;

DROP TRIGGER children_gen_ins;
DROP TRIGGER children_gen_upd;
DROP TRIGGER children_gen_del;
DELIMITER //
CREATE TRIGGER children_gen_ins AFTER INSERT ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
    UPDATE children_generation SET gen = gen + 1
      WHERE city_code IN ('', NEW.city_code) AND slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_gen_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
    UPDATE children_generation SET gen = gen + 1
      WHERE city_code IN ('', NEW.city_code, OLD.city_code) AND slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_gen_del AFTER DELETE ON children FOR EACH ROW
BEGIN
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  UPDATE children_generation SET gen = gen + 1
    WHERE city_code IN ('', OLD.city_code) AND slot = CONNECTION_ID() % 16 + 1;
END//
DELIMITER ;
