-- 035_pool_generation.sql — the home page's 已配捐 line reads the matching pools, and the home page
-- is cached by content_generation: a pool made, paused, resumed, closed or drawn on moves it, as a
-- donation does (003_content_generation.sql).
CREATE TRIGGER match_pools_gen_ins AFTER INSERT ON match_pools FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER match_pools_gen_upd AFTER UPDATE ON match_pools FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
