-- 010_child_place.sql — a child's city is checked, not computed. A trigger that looked the city up for every row
-- written cost the ledger import a third of its time; one composite foreign key now holds the same rule natively:
-- (county_code, city_code) must be a county-level region and its own city. Writers give both (cgi/regions.c knows
-- each county's city), and a writer that gets it wrong is refused by the database, as before.
-- The content-generation triggers on children may be deferred by a bulk writer that bumps the generation itself once,
-- in the same transaction (the ledger import sets @bulk_write = 1 and clears it afterwards).

ALTER TABLE regions
  ADD COLUMN county_city CHAR(6) NULL COMMENT 'city_code for county-level regions, NULL above them: the key children refer to';
UPDATE regions SET county_city = city_code WHERE level IN ('county', 'city-county');
ALTER TABLE regions ADD UNIQUE KEY uk_region_county_city (code, county_city);

DROP TRIGGER children_city_ins;
DROP TRIGGER children_city_upd;
ALTER TABLE children
  DROP FOREIGN KEY fk_child_county,
  DROP FOREIGN KEY fk_child_city;
ALTER TABLE children
  ADD KEY k_place (county_code, city_code),
  ADD CONSTRAINT fk_child_place FOREIGN KEY (county_code, city_code) REFERENCES regions (code, county_city);

DROP TRIGGER children_gen_ins;
DROP TRIGGER children_gen_upd;
DELIMITER //
CREATE TRIGGER children_gen_ins AFTER INSERT ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_gen_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF @bulk_write IS NULL THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
DELIMITER ;
