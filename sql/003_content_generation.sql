-- 003_content_generation.sql — counters that move whenever anything a public page shows changes.
-- Workers cache rendered public pages and check the counters' sum per request (cgi/pagecache.c): a child's consent
-- withdrawn, a hold taken or a donation paid moves it, and the next request renders afresh. Triggers keep it
-- honest, so no writer, present or future, can forget. Each connection bumps one of 16 rows (by its connection
-- id), so concurrent write transactions do not queue on a single row lock until they commit.

CREATE TABLE content_generation (
  id  TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  gen BIGINT UNSIGNED  NOT NULL,
  CONSTRAINT chk_slots CHECK (id BETWEEN 1 AND 16)
) ENGINE=InnoDB;
INSERT INTO content_generation VALUES (1,0),(2,0),(3,0),(4,0),(5,0),(6,0),(7,0),(8,0),
  (9,0),(10,0),(11,0),(12,0),(13,0),(14,0),(15,0),(16,0);

CREATE TRIGGER children_gen_ins AFTER INSERT ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER children_gen_upd AFTER UPDATE ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER children_gen_del AFTER DELETE ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER units_gen_ins AFTER INSERT ON member_units FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER units_gen_upd AFTER UPDATE ON member_units FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER units_gen_del AFTER DELETE ON member_units FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_gen_ins AFTER INSERT ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_gen_upd AFTER UPDATE ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_gen_del AFTER DELETE ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
