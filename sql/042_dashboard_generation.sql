-- 042_dashboard_generation.sql — a generation of the dashboard's dated counts: it moves with every
-- write to county_months (sql/040), so each worker may keep the counties' children waiting long
-- and due a visit (cgi/core/dashboard.c) under this generation and the date, and count them again
-- only when either moves. Every change those counts see writes county_months in its transaction
-- (a waiting child's month, a row of care_seen's), the rebuild too. Like content_generation, the
-- counter is spread over 16 slots (one per connection id modulo 16), so concurrent writers do
-- not queue on a single row lock.

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
