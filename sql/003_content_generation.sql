-- 003_content_generation.sql — a counter that moves whenever anything a public page shows changes.
-- Workers cache rendered public pages and check this one row per request (cgi/pagecache.c): a child's consent
-- withdrawn, a hold taken or a donation paid bumps it, and the next request renders afresh. Triggers keep it
-- honest, so no writer, present or future, can forget.

CREATE TABLE content_generation (
  id  TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  gen BIGINT UNSIGNED  NOT NULL,
  CONSTRAINT chk_one_row CHECK (id = 1)
) ENGINE=InnoDB;
INSERT INTO content_generation VALUES (1, 1);

CREATE TRIGGER children_gen_ins AFTER INSERT ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER children_gen_upd AFTER UPDATE ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER children_gen_del AFTER DELETE ON children FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER units_gen_upd AFTER UPDATE ON member_units FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER donations_gen_ins AFTER INSERT ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER donations_gen_upd AFTER UPDATE ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER donations_gen_del AFTER DELETE ON donations FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = 1;
