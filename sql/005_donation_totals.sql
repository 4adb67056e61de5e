-- 005_donation_totals.sql — the running count and sum of paid donations, kept by triggers, so the public totals
-- (home page, /donations) cost 16 rows to read however many donations there are. Like content_generation, each
-- connection adds to one of 16 slots (by its connection id), so concurrent credits do not queue on one row.

CREATE TABLE donation_totals (
  id   TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  n    BIGINT NOT NULL,
  fen  BIGINT NOT NULL,
  CONSTRAINT chk_total_slots CHECK (id BETWEEN 1 AND 16)
) ENGINE=InnoDB;
INSERT INTO donation_totals (id, n, fen) VALUES (1,0,0),(2,0,0),(3,0,0),(4,0,0),(5,0,0),(6,0,0),(7,0,0),(8,0,0),
  (9,0,0),(10,0,0),(11,0,0),(12,0,0),(13,0,0),(14,0,0),(15,0,0),(16,0,0);
-- Donations written before this migration.
UPDATE donation_totals SET n = (SELECT COUNT(*) FROM donations WHERE status = 'paid'),
  fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM donations WHERE status = 'paid') WHERE id = 1;

CREATE TRIGGER donations_total_ins AFTER INSERT ON donations FOR EACH ROW
  UPDATE donation_totals SET n = n + (NEW.status = 'paid'), fen = fen + IF(NEW.status = 'paid', NEW.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_total_upd AFTER UPDATE ON donations FOR EACH ROW
  UPDATE donation_totals SET n = n + (NEW.status = 'paid') - (OLD.status = 'paid'),
    fen = fen + IF(NEW.status = 'paid', NEW.amount_fen, 0) - IF(OLD.status = 'paid', OLD.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_total_del AFTER DELETE ON donations FOR EACH ROW
  UPDATE donation_totals SET n = n - (OLD.status = 'paid'), fen = fen - IF(OLD.status = 'paid', OLD.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
