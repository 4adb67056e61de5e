-- 051_listed_months.sql — listed children by city and birth month, kept by the triggers that keep
-- public_counts (issue 14, goal 6): the listing's totals under an age filter, summed from at most
-- a row a city and month rather than counted from index entries.
--
-- A total is counted whenever its stamp moves, and a worker's first totals are all counted: an
-- age range without a region counted 40-50 ms of k_listed_ym's entries at 100,000 children (every
-- city's, for their own stamps), ten times its cost at 10,000, and a worker's first minute after
-- a restart or a campaign's change was spent on them. Summed from here it costs what the months
-- in the range and the cities cost, the same at any number of children. Children and birth
-- months only grow this table by a row a month a city (216 months a city at most are listed).
--
-- Unlike public_counts, a row is not split into 16 slots: a sum would read 16 times the rows. A
-- row is one city's children of one birth month, so two holds wait on each other only for
-- children of the same city and month, until the first commits; a deadlock with a write of many
-- children (the ledger import) is retried whole, as every transaction is. No CHECK on n: a count
-- gone wrong must not refuse a hold; public_counts_rebuild() repairs it.
CREATE TABLE listed_months (
  city_code CHAR(6) NOT NULL,
  birth_ym  DATE NOT NULL,           -- children.birth_ym: the first of the birth month
  n         INT NOT NULL DEFAULT 0,  -- children there with listed = 1
  PRIMARY KEY (city_code, birth_ym)
) ENGINE=InnoDB;

DROP PROCEDURE public_counts_rebuild;
DROP TRIGGER children_public_ins;
DROP TRIGGER children_public_upd;
DROP TRIGGER children_public_del;

DELIMITER //
-- From scratch, for repair: slot 1 holds the whole count, the others nothing; the cached pages that
-- show them, and the listing's totals kept under each city's stamp, are dropped. In one
-- transaction, so that no reader sees the rows half rebuilt, and a write meanwhile waits for it.
CREATE PROCEDURE public_counts_rebuild()
  SQL SECURITY DEFINER
BEGIN
  START TRANSACTION;
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
  UPDATE children_generation SET gen = gen + 1 WHERE slot = 1;
  DELETE FROM public_counts;
  INSERT INTO public_counts (slot) SELECT id FROM content_generation;
  UPDATE public_counts
    SET listed = (SELECT COUNT(*) FROM children WHERE listed = 1),
        visits = (SELECT COUNT(*) FROM visits WHERE state = 'approved')
    WHERE slot = 1;
  DELETE FROM listed_months;
  INSERT INTO listed_months (city_code, birth_ym, n)
    SELECT city_code, birth_ym, COUNT(*) FROM children WHERE listed = 1
    GROUP BY city_code, birth_ym;
  COMMIT;
END//

-- Written only when a child's listed, or a listed child's city or birth month, changes. The
-- statements are in the triggers, not in a procedure they call: a CALL costs a hold more.
CREATE TRIGGER children_public_ins AFTER INSERT ON children FOR EACH ROW
BEGIN
  IF NEW.listed THEN
    UPDATE public_counts SET listed = listed + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
    INSERT INTO listed_months (city_code, birth_ym, n) VALUES (NEW.city_code, NEW.birth_ym, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//
CREATE TRIGGER children_public_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.listed <> OLD.listed THEN
    UPDATE public_counts SET listed = listed + NEW.listed - OLD.listed
      WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
  IF OLD.listed AND (NOT NEW.listed OR NEW.city_code <> OLD.city_code OR
                     NEW.birth_ym <> OLD.birth_ym) THEN
    UPDATE listed_months SET n = n - 1 WHERE city_code = OLD.city_code AND birth_ym = OLD.birth_ym;
  END IF;
  IF NEW.listed AND (NOT OLD.listed OR NEW.city_code <> OLD.city_code OR
                     NEW.birth_ym <> OLD.birth_ym) THEN
    INSERT INTO listed_months (city_code, birth_ym, n) VALUES (NEW.city_code, NEW.birth_ym, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END//
CREATE TRIGGER children_public_del AFTER DELETE ON children FOR EACH ROW
BEGIN
  IF OLD.listed THEN
    UPDATE public_counts SET listed = listed - 1 WHERE slot = CONNECTION_ID() % 16 + 1;
    UPDATE listed_months SET n = n - 1 WHERE city_code = OLD.city_code AND birth_ym = OLD.birth_ym;
  END IF;
END//
DELIMITER ;

CALL public_counts_rebuild();
