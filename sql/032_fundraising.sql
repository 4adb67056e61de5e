-- 032_fundraising.sql — fundraising beyond one-to-one (issue 13): themed activities (专题活动),
-- personal fundraising pages (一起捐, 代言人), matching pools (配捐), directed gifts (定向捐赠),
-- offline gifts, progress updates (项目进展) and what each gift was for. Each entity's states are
-- in cgi/core/state.c and state_transitions below, as sql/019's.

-- A themed activity: a page of its own (/activities/{slug}), a goal, dates and a region; donations
-- to it. region_code NULL: the whole province; else the city or county that runs it (its staff
-- manage it, with the province). Its filed fundraising plan's number (备案编号) is shown on it.
CREATE TABLE activities (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(40)  CHARACTER SET ascii NOT NULL,   -- [a-z0-9-], in the URL
  title       VARCHAR(40)  NOT NULL,
  story       TEXT         NOT NULL,                       -- plain text, up to 2,000 characters
  goal_fen    BIGINT UNSIGNED NOT NULL,
  starts_on   DATE         NOT NULL,
  ends_on     DATE         NOT NULL,
  region_code CHAR(6)      NULL,
  filing_no   VARCHAR(64)  NULL,                           -- 募捐方案备案编号
  state       ENUM('draft','live','paused','ended') NOT NULL DEFAULT 'draft',
  pause_reason VARCHAR(200) NULL,
  created_by  INT UNSIGNED NOT NULL,                       -- staff
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_activity_slug (slug),
  KEY k_activity_state (state, ends_on),
  CONSTRAINT fk_activity_region FOREIGN KEY (region_code) REFERENCES regions (code),
  CONSTRAINT fk_activity_staff FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT chk_activity CHECK (goal_fen > 0 AND ends_on >= starts_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A personal fundraising page (一起捐): a donor's (initiator), or a spokesperson's (代言人) made by
-- province staff for a named person (donor_id NULL, person_name set). kind: for the programme, for
-- a themed activity (activity_id), or "sponsor N children" (children_n, goal N × 3,000 yuan).
-- region_code: the county (or city) it is tied to, whose staff approve it; NULL: the province's.
-- Gifts through it are ordinary donations with page_id set (soft credit).
CREATE TABLE fund_pages (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code        CHAR(8)      CHARACTER SET ascii NOT NULL,   -- Crockford base32, in /p/{code}
  kind        ENUM('programme','activity','children') NOT NULL,
  spokesperson TINYINT(1)  NOT NULL DEFAULT 0,
  donor_id    INT UNSIGNED NULL,                           -- the initiator
  person_name VARCHAR(32)  NULL,                           -- a spokesperson's name
  display_name VARCHAR(32) NOT NULL,                       -- as the page shows its initiator
  activity_id INT UNSIGNED NULL,
  children_n  TINYINT UNSIGNED NULL,
  title       VARCHAR(40)  NOT NULL,
  story       TEXT         NOT NULL,
  goal_fen    BIGINT UNSIGNED NOT NULL,
  ends_on     DATE         NOT NULL,
  region_code CHAR(6)      NULL,
  state       ENUM('pending','live','paused','rejected','ended') NOT NULL DEFAULT 'pending',
  review_note VARCHAR(200) NULL,                           -- why it was rejected or paused
  reviewed_by INT UNSIGNED NULL,
  reviewed_at DATETIME     NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_page_code (code),
  KEY k_page_donor (donor_id),
  KEY k_page_state (state, ends_on),
  CONSTRAINT fk_page_donor FOREIGN KEY (donor_id) REFERENCES donors (id),
  CONSTRAINT fk_page_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_page_region FOREIGN KEY (region_code) REFERENCES regions (code),
  CONSTRAINT chk_page_owner CHECK (donor_id IS NOT NULL OR person_name IS NOT NULL),
  CONSTRAINT chk_page_kind CHECK ((kind = 'activity') = (activity_id IS NOT NULL) AND
                                  (kind = 'children') = (children_n IS NOT NULL)),
  CONSTRAINT chk_page_goal CHECK (goal_fen > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A matching pool (配捐): money a member unit or a company pledged. Each eligible gift credited in
-- its window is matched in the same transaction: gift × ratio_num / ratio_den, at most cap_fen,
-- at most what remains (core/match.h). remaining_fen can never go below zero (the CHECK); a
-- refunded gift's match goes back. scope: the programme (NULL region and activity), a city or
-- county (scope_region), or a themed activity (activity_id). kinds: the gifts it matches.
CREATE TABLE match_pools (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  funder       VARCHAR(64)  NOT NULL,                      -- as receipts and pages name it
  unit_id      INT UNSIGNED NULL,                          -- a member unit, if it is one
  amount_fen   BIGINT UNSIGNED NOT NULL,
  remaining_fen BIGINT       NOT NULL,
  ratio_num    SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  ratio_den    SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  cap_fen      BIGINT UNSIGNED NOT NULL,                   -- the most one gift is matched
  starts_at    DATETIME     NOT NULL,
  ends_at      DATETIME     NOT NULL,
  scope_region CHAR(6)      NULL,
  activity_id  INT UNSIGNED NULL,
  kinds        SET('sponsorship','general','directed','activity','page') NOT NULL,
  state        ENUM('active','paused','closed') NOT NULL DEFAULT 'active',
  created_by   INT UNSIGNED NOT NULL,
  created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_pool_window (state, starts_at, ends_at),
  CONSTRAINT fk_pool_unit FOREIGN KEY (unit_id) REFERENCES member_units (id),
  CONSTRAINT fk_pool_region FOREIGN KEY (scope_region) REFERENCES regions (code),
  CONSTRAINT fk_pool_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_pool_staff FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT chk_pool_remaining CHECK (remaining_fen >= 0 AND remaining_fen <= amount_fen),
  CONSTRAINT chk_pool_ratio CHECK (ratio_num > 0 AND ratio_den > 0 AND cap_fen > 0),
  CONSTRAINT chk_pool_window CHECK (ends_at > starts_at),
  CONSTRAINT chk_pool_scope CHECK (scope_region IS NULL OR activity_id IS NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a gift is for, carried from its order to its donation:
--   purpose    sponsorship | general (the fund) | directed (a region or member unit) | activity;
--   channel    online (a provider's payment), match (配捐, from pool_id, matching match_of), or
--              offline: bank (transfer), cash, cheque (entered by staff; no order);
--   page_id    the personal page it came through (soft credit), whatever its purpose;
--   activity_id the themed activity it is for (purpose activity, or a page of an activity);
--   target_region, target_unit  a directed gift's city or county, or member unit.
ALTER TABLE pay_orders
  MODIFY COLUMN purpose ENUM('sponsorship','general','directed','activity') NOT NULL,
  ADD COLUMN page_id       INT UNSIGNED NULL,
  ADD COLUMN activity_id   INT UNSIGNED NULL,
  ADD COLUMN target_region CHAR(6)      NULL,
  ADD COLUMN target_unit   INT UNSIGNED NULL,
  ADD CONSTRAINT fk_order_page FOREIGN KEY (page_id) REFERENCES fund_pages (id),
  ADD CONSTRAINT fk_order_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  ADD CONSTRAINT fk_order_target_region FOREIGN KEY (target_region) REFERENCES regions (code),
  ADD CONSTRAINT fk_order_target_unit FOREIGN KEY (target_unit) REFERENCES member_units (id);

ALTER TABLE donations
  MODIFY COLUMN purpose ENUM('sponsorship','general','directed','activity') NOT NULL,
  ADD COLUMN channel       ENUM('online','match','bank','cash','cheque') NOT NULL
                           DEFAULT 'online' AFTER purpose,
  ADD COLUMN page_id       INT UNSIGNED NULL,
  ADD COLUMN activity_id   INT UNSIGNED NULL,
  ADD COLUMN target_region CHAR(6)      NULL,
  ADD COLUMN target_unit   INT UNSIGNED NULL,
  ADD COLUMN pool_id       INT UNSIGNED NULL,
  ADD COLUMN match_of      BIGINT UNSIGNED NULL,
  ADD COLUMN entered_by    INT UNSIGNED NULL,              -- staff, for an offline gift
  ADD UNIQUE KEY uk_donation_match (match_of),            -- at most one match a gift
  ADD KEY k_donation_page (page_id, paid_at),
  ADD KEY k_donation_activity (activity_id, paid_at),
  ADD KEY k_donation_target (target_region, paid_at),
  ADD KEY k_donation_pool (pool_id, paid_at),
  ADD CONSTRAINT fk_donation_page FOREIGN KEY (page_id) REFERENCES fund_pages (id),
  ADD CONSTRAINT fk_donation_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  ADD CONSTRAINT fk_donation_target_region FOREIGN KEY (target_region) REFERENCES regions (code),
  ADD CONSTRAINT fk_donation_target_unit FOREIGN KEY (target_unit) REFERENCES member_units (id),
  ADD CONSTRAINT fk_donation_pool FOREIGN KEY (pool_id) REFERENCES match_pools (id),
  ADD CONSTRAINT fk_donation_match FOREIGN KEY (match_of) REFERENCES donations (id),
  ADD CONSTRAINT fk_donation_entered FOREIGN KEY (entered_by) REFERENCES staff (id),
  ADD CONSTRAINT chk_donation_channel CHECK ((channel = 'match') = (pool_id IS NOT NULL) AND
                                             (channel = 'match') = (match_of IS NOT NULL) AND
                                             (channel = 'online' OR order_id IS NULL));

-- A progress update (项目进展) of a fundraising item: the programme (item_id 0), a themed activity
-- or a personal page. final: the closing report after it ended. The 3-month rule is computed from
-- these (core/disclosure): the latest update of each item, and its end.
CREATE TABLE progress_updates (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  item_kind   ENUM('programme','activity','page') NOT NULL,
  item_id     INT UNSIGNED NOT NULL,
  body        TEXT         NOT NULL,                       -- plain text, up to 2,000 characters
  final       TINYINT(1)   NOT NULL DEFAULT 0,
  posted_on   DATE         NOT NULL,
  staff_id    INT UNSIGNED NULL,                           -- who posted it: staff,
  donor_id    INT UNSIGNED NULL,                           -- or a page's initiator
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_update_item (item_kind, item_id, posted_on),
  CONSTRAINT fk_update_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT fk_update_donor FOREIGN KEY (donor_id) REFERENCES donors (id),
  CONSTRAINT chk_update_author CHECK (staff_id IS NOT NULL OR donor_id IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a page or an activity has raised, kept by the triggers below, so its page reads 16 rows
-- however many gifts it has (like donation_totals, a slot per connection). gifts: gifts counted
-- (paid, not owed back; matches are not gifts), fen: their sum, match_fen: matching money for them.
CREATE TABLE raised_totals (
  item_kind  ENUM('activity','page') NOT NULL,
  item_id    INT UNSIGNED NOT NULL,
  slot       TINYINT UNSIGNED NOT NULL,
  gifts      BIGINT NOT NULL DEFAULT 0,
  fen        BIGINT NOT NULL DEFAULT 0,
  match_fen  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_kind, item_id, slot),
  CONSTRAINT chk_raised_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;

INSERT INTO state_transitions (entity, from_state, to_state) VALUES
  ('activity', 'draft', 'live'),
  ('activity', 'live', 'paused'),
  ('activity', 'paused', 'live'),
  ('activity', 'live', 'ended'),
  ('activity', 'paused', 'ended'),
  ('page', 'pending', 'live'),
  ('page', 'pending', 'rejected'),
  ('page', 'live', 'paused'),
  ('page', 'paused', 'live'),
  ('page', 'live', 'ended'),
  ('page', 'paused', 'ended'),
  ('pool', 'active', 'paused'),
  ('pool', 'paused', 'active'),
  ('pool', 'active', 'closed'),
  ('pool', 'paused', 'closed');

DELIMITER //
CREATE TRIGGER activities_state BEFORE UPDATE ON activities FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'activity' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an activity may not make this change of state';
  END IF;
END//
CREATE TRIGGER fund_pages_state BEFORE UPDATE ON fund_pages FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'page' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a fundraising page may not make this change of state';
  END IF;
END//
CREATE TRIGGER match_pools_state BEFORE UPDATE ON match_pools FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'pool' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a matching pool may not make this change of state';
  END IF;
END//

-- Add a gift (g: +1, -1 or 0 for a match) of fen to what item raised, in this connection's slot.
CREATE PROCEDURE raised_add(IN k VARCHAR(8), IN i INT UNSIGNED, IN g BIGINT, IN dfen BIGINT,
                            IN dmatch BIGINT)
  SQL SECURITY DEFINER
BEGIN
  IF i IS NOT NULL THEN
    INSERT INTO raised_totals (item_kind, item_id, slot, gifts, fen, match_fen)
      VALUES (k, i, CONNECTION_ID() % 16 + 1, g, dfen, dmatch)
      ON DUPLICATE KEY UPDATE gifts = gifts + g, fen = fen + dfen, match_fen = match_fen + dmatch;
  END IF;
END//

-- A donation's part in what its page and activity raised: sign +1 to add it, -1 to take it out.
CREATE PROCEDURE raised_donation(IN sign INT, IN ch VARCHAR(8), IN page INT UNSIGNED,
                                 IN act INT UNSIGNED, IN fen BIGINT UNSIGNED)
  SQL SECURITY DEFINER
BEGIN
  DECLARE f BIGINT;
  SET f = sign * CAST(fen AS SIGNED);
  IF ch = 'match' THEN
    CALL raised_add('page', page, 0, 0, f);
    CALL raised_add('activity', act, 0, 0, f);
  ELSE
    CALL raised_add('page', page, sign, f, 0);
    CALL raised_add('activity', act, sign, f, 0);
  END IF;
END//

CREATE TRIGGER donations_raised_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.status = 'paid' AND NEW.refund_due = 0 THEN
    CALL raised_donation(1, NEW.channel, NEW.page_id, NEW.activity_id, NEW.amount_fen);
  END IF;
END//
-- An update that changes nothing counted (a receipt sent, say) touches no total.
CREATE TRIGGER donations_raised_upd AFTER UPDATE ON donations FOR EACH ROW
BEGIN
  DECLARE was, now BOOLEAN;
  SET was = OLD.status = 'paid' AND OLD.refund_due = 0;
  SET now = NEW.status = 'paid' AND NEW.refund_due = 0;
  IF (was OR now) AND NOT (was AND now AND NEW.amount_fen = OLD.amount_fen
      AND NEW.channel = OLD.channel AND NEW.page_id <=> OLD.page_id
      AND NEW.activity_id <=> OLD.activity_id) THEN
    IF was THEN
      CALL raised_donation(-1, OLD.channel, OLD.page_id, OLD.activity_id, OLD.amount_fen);
    END IF;
    IF now THEN
      CALL raised_donation(1, NEW.channel, NEW.page_id, NEW.activity_id, NEW.amount_fen);
    END IF;
  END IF;
END//
CREATE TRIGGER donations_raised_del AFTER DELETE ON donations FOR EACH ROW
BEGIN
  IF OLD.status = 'paid' AND OLD.refund_due = 0 THEN
    CALL raised_donation(-1, OLD.channel, OLD.page_id, OLD.activity_id, OLD.amount_fen);
  END IF;
END//

-- 收支明细's income line of a donation (finance_months.line, core/finance.h): matching money and
-- offline gifts are channels of their own; an online gift's line is what it is for.
CREATE FUNCTION finance_line(ch VARCHAR(8), purpose VARCHAR(16)) RETURNS VARCHAR(16)
  DETERMINISTIC
  RETURN CASE WHEN ch = 'match' THEN 'matching' WHEN ch <> 'online' THEN 'offline'
              ELSE purpose END//

DROP TRIGGER donations_finance_ins//
DROP TRIGGER donations_finance_upd//
DROP TRIGGER donations_finance_del//
CREATE TRIGGER donations_finance_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.status = 'paid' AND NEW.refund_due = 0 THEN
    CALL finance_add(DATE_FORMAT(NEW.paid_at, '%Y-%m'), 'income',
                     finance_line(NEW.channel, NEW.purpose), 1, NEW.amount_fen);
  END IF;
END//
CREATE TRIGGER donations_finance_upd AFTER UPDATE ON donations FOR EACH ROW
BEGIN
  DECLARE was, now BOOLEAN;
  SET was = OLD.status = 'paid' AND OLD.refund_due = 0;
  SET now = NEW.status = 'paid' AND NEW.refund_due = 0;
  IF (was OR now) AND NOT (was AND now AND NEW.amount_fen = OLD.amount_fen
      AND NEW.purpose = OLD.purpose AND NEW.channel = OLD.channel
      AND NEW.paid_at = OLD.paid_at) THEN
    IF was THEN
      CALL finance_add(DATE_FORMAT(OLD.paid_at, '%Y-%m'), 'income',
                       finance_line(OLD.channel, OLD.purpose), -1,
                       -CAST(OLD.amount_fen AS SIGNED));
    END IF;
    IF now THEN
      CALL finance_add(DATE_FORMAT(NEW.paid_at, '%Y-%m'), 'income',
                       finance_line(NEW.channel, NEW.purpose), 1, NEW.amount_fen);
    END IF;
  END IF;
END//
CREATE TRIGGER donations_finance_del AFTER DELETE ON donations FOR EACH ROW
BEGIN
  IF OLD.status = 'paid' AND OLD.refund_due = 0 THEN
    CALL finance_add(DATE_FORMAT(OLD.paid_at, '%Y-%m'), 'income',
                     finance_line(OLD.channel, OLD.purpose), -1,
                     -CAST(OLD.amount_fen AS SIGNED));
  END IF;
END//
DELIMITER ;
