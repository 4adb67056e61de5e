-- 042_dashboard_generation.sql — a generation of the dashboard's dated counts: it moves with every
-- write to county_months (sql/040) and to child_funds (sql/026), and with a child's move to
-- another county, so each worker may keep the counties' children waiting long, due a visit and
-- with money held too long (cgi/core/dashboard.c) under this generation and the date, and count
-- them again only when either moves. Every change those counts see writes one of those in its
-- transaction (a waiting child's month, a row of care_seen's, a gift or payout in a child's
-- funds), the rebuild too. Like content_generation, the counter is spread over 16 slots (one per
-- connection id modulo 16), so concurrent writers do not queue on a single row lock.

CREATE TABLE dashboard_generation (
  slot TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  gen  BIGINT UNSIGNED  NOT NULL,
  CONSTRAINT chk_dashboard_gen_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;
INSERT INTO dashboard_generation (slot, gen) SELECT id, 0 FROM content_generation;

CREATE TRIGGER county_months_gen_ins AFTER INSERT ON county_months FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER county_months_gen_upd AFTER UPDATE ON county_months FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER county_months_gen_del AFTER DELETE ON county_months FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER child_funds_gen_ins AFTER INSERT ON child_funds FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER child_funds_gen_upd AFTER UPDATE ON child_funds FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER child_funds_gen_del AFTER DELETE ON child_funds FOR EACH ROW
  UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
-- A child's money counts in its county: a move takes it along.
DELIMITER //
CREATE TRIGGER children_dashboard_gen AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.county_code <> OLD.county_code THEN
    UPDATE dashboard_generation SET gen = gen + 1 WHERE slot = CONNECTION_ID() % 16 + 1;
  END IF;
END//
DELIMITER ;
