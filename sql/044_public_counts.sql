-- 044_public_counts.sql — the public totals that counted rows on every change: children listed
-- and visits approved, kept by triggers in the transactions that change them (issue 14).
--
-- The home page's figures and the unfiltered listing's total ("找到 N") are cached under stamps that
-- every hold and payment moves, so on a campaign day they were counted again for nearly every
-- request: COUNT(*) of 57,560 listed children and of every approved visit, 180 ms at 100,000
-- children. Children paired, and the cities and counties they live in, come from 040's
-- county_counts; these two from here. Like content_generation, each connection adds to one of 16
-- slots (by its connection id), so concurrent writers do not queue on one row; a figure is the sum
-- over the slots.
CREATE TABLE public_counts (
  slot   TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  listed INT NOT NULL DEFAULT 0,   -- children with listed = 1 (waiting, published with consent)
  visits INT NOT NULL DEFAULT 0,   -- visits with state 'approved'
  CONSTRAINT chk_public_counts_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;

DELIMITER //
-- From scratch, for repair: slot 1 holds the whole count, the others nothing; the cached pages that
-- show them are dropped.
CREATE PROCEDURE public_counts_rebuild()
  SQL SECURITY DEFINER
BEGIN
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
  DELETE FROM public_counts;
  INSERT INTO public_counts (slot) SELECT id FROM content_generation;
  UPDATE public_counts
    SET listed = (SELECT COUNT(*) FROM children WHERE listed = 1),
        visits = (SELECT COUNT(*) FROM visits WHERE state = 'approved')
    WHERE slot = 1;
END//

-- A row is written only when a child's listed or a visit's approval changes, not on every write:
-- an edit to a story, or a visit's draft saved, costs nothing here.
CREATE TRIGGER children_public_ins AFTER INSERT ON children FOR EACH ROW
BEGIN
  IF NEW.listed THEN
    UPDATE public_counts SET listed = listed + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_public_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.listed <> OLD.listed THEN
    UPDATE public_counts SET listed = listed + NEW.listed - OLD.listed
      WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER children_public_del AFTER DELETE ON children FOR EACH ROW
BEGIN
  IF OLD.listed THEN
    UPDATE public_counts SET listed = listed - 1 WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER visits_public_ins AFTER INSERT ON visits FOR EACH ROW
BEGIN
  IF NEW.state = 'approved' THEN
    UPDATE public_counts SET visits = visits + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER visits_public_upd AFTER UPDATE ON visits FOR EACH ROW
BEGIN
  IF (NEW.state = 'approved') <> (OLD.state = 'approved') THEN
    UPDATE public_counts SET visits = visits + (NEW.state = 'approved') - (OLD.state = 'approved')
      WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
-- The app never deletes a visit (a repair or a test may): 020 has no trigger to move the cached
-- pages' generation then, so this one does.
CREATE TRIGGER visits_public_del AFTER DELETE ON visits FOR EACH ROW
BEGIN
  IF OLD.state = 'approved' THEN
    UPDATE public_counts SET visits = visits - 1 WHERE slot = CONNECTION_ID() % 16 + 1;
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
DELIMITER ;

CALL public_counts_rebuild();
