-- 039_children_generation.sql — a generation per city for the pages that show children alone.
-- content_generation (sql/003) moves with anything a public page shows, so a hold in 巴东县
-- threw away the cached 武汉 listing too. The listing and a child's page show children and nothing
-- else, so their stamp is the generation of the city they show (cgi/pagecache.c): a write to a
-- child moves its city's row (both cities' when it moves), and a campaign in one county leaves
-- every other city's pages cached. content_generation still moves with children, for the pages
-- that show totals.
-- Like content_generation, each city's counter is spread over 16 slots (one per connection id
-- modulo 16), so concurrent writers in one county do not queue on a single row lock.

CREATE TABLE children_generation (
  city_code CHAR(6)          NOT NULL,
  slot      TINYINT UNSIGNED NOT NULL,
  gen       BIGINT UNSIGNED  NOT NULL,
  PRIMARY KEY (city_code, slot),
  CONSTRAINT chk_child_gen_slots CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;
-- Every city children may belong to (sql/010's county_city), times the 16 slots.
INSERT INTO children_generation (city_code, slot, gen)
  SELECT DISTINCT r.county_city, s.id, 0 FROM regions r JOIN content_generation s
  WHERE r.county_city IS NOT NULL;

DROP TRIGGER children_gen_ins;
DROP TRIGGER children_gen_upd;
DROP TRIGGER children_gen_del;
DELIMITER //
-- A city added later (a region with its county_city) gets its 16 rows, so that the triggers below
-- find them: they update, as content_generation's do, rather than insert.
CREATE TRIGGER regions_gen_ins AFTER INSERT ON regions FOR EACH ROW
BEGIN
  IF NEW.county_city IS NOT NULL THEN
    INSERT IGNORE INTO children_generation (city_code, slot, gen)
      SELECT NEW.county_city, id, 0 FROM content_generation;
  END IF;
END//
CREATE TRIGGER regions_gen_upd AFTER UPDATE ON regions FOR EACH ROW
BEGIN
  IF NEW.county_city IS NOT NULL THEN
    INSERT IGNORE INTO children_generation (city_code, slot, gen)
      SELECT NEW.county_city, id, 0 FROM content_generation;
  END IF;
END//
CREATE TRIGGER children_gen_ins AFTER INSERT ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
    UPDATE children_generation SET gen = gen + 1
      WHERE city_code = NEW.city_code AND slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_gen_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
    UPDATE children_generation SET gen = gen + 1
      WHERE city_code = NEW.city_code AND slot = CONNECTION_ID() % 16 + 1;
    IF NEW.city_code <> OLD.city_code THEN
      UPDATE children_generation SET gen = gen + 1
        WHERE city_code = OLD.city_code AND slot = CONNECTION_ID() % 16 + 1;
    END IF;
  END IF;
END//
CREATE TRIGGER children_gen_del AFTER DELETE ON children FOR EACH ROW
BEGIN
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  UPDATE children_generation SET gen = gen + 1
    WHERE city_code = OLD.city_code AND slot = CONNECTION_ID() % 16 + 1;
END//
-- A bulk writer (the ledger import, cgi/core/import.c) sets @bulk_write and bumps
-- content_generation once in place of the per-row triggers above: that one bump moves every
-- city, since the writer does not say which cities it touched.
CREATE TRIGGER content_gen_bulk AFTER UPDATE ON content_generation FOR EACH ROW
BEGIN
  IF @bulk_write IS NOT NULL THEN
    UPDATE children_generation SET gen = gen + 1 WHERE slot = NEW.id;
  END IF;
END//
DELIMITER ;
