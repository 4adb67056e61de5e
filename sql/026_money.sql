-- 026_money.sql — money after pairing: payouts to children's families (善款发放), one at a time or
-- in a county's batch for the bank (银行代发); each child's running funds (received, committed to
-- payouts, paid out, advanced); the guardian's bank account, sealed; renewals and their reminders;
-- sponsorships that lapse unpaid or that their donor stops; a child listed again after a
-- sponsorship ended (曾获资助).

-- The account a bank transfer goes to, sealed like every personal field (cgi/pii.h; field
-- "bank_account", owner the child's code): "holder\nnumber\nbank". bank_mask is all a list shows of
-- it, "6222 **** **** 1234": the issuer's four digits and the last four, never the rest.
ALTER TABLE children
  ADD COLUMN pii_bank        VARBINARY(1024) NULL,
  ADD COLUMN bank_mask       VARCHAR(24) CHARACTER SET ascii NULL,
  -- 曾获资助: a sponsorship of this child ended and the child was listed again; the next sponsor
  -- knows. Never cleared.
  ADD COLUMN sponsored_before TINYINT(1) NOT NULL DEFAULT 0;

-- A county's batch of payouts for one period, as it pays them: created together ("everyone paired
-- in this county for 2027H1"), submitted and approved together, exported for the bank and the
-- bank's result file imported. Its state is its payouts' (core/batches.h): it has none of its own.
CREATE TABLE payout_batches (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  county_code   CHAR(6)      CHARACTER SET ascii NOT NULL,
  period        VARCHAR(7)   CHARACTER SET ascii NOT NULL,  -- as payouts.period
  method        ENUM('bank','cash','goods') NOT NULL,
  created_by    INT UNSIGNED NOT NULL,
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  exported_at   DATETIME     NULL,                          -- the last export for the bank
  exported_by   INT UNSIGNED NULL,
  KEY k_batch_county (county_code, created_at),
  CONSTRAINT fk_batch_creator FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT fk_batch_exporter FOREIGN KEY (exported_by) REFERENCES staff (id)
) ENGINE=InnoDB;

-- A payout: money the county federation gives a child's family for a period. Only paid ones
-- count as paid out. period is "YYYY" (a year), "YYYYH1"/"YYYYH2" (上半年/下半年) or "YYYY-MM"
-- (a month): cgi/core/period.h. One payout per child per period: uk_payout_period (a cancelled
-- one frees its period). advanced_fen is the part the county advanced from its own funds (配套 /
-- 垫付), beyond what the child's sponsors had given: recorded, never hidden.
CREATE TABLE payouts (
  id              INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ref             CHAR(12)     CHARACTER SET ascii NOT NULL,  -- ours, for the bank's file: "P" + 11
  child_id        INT UNSIGNED NOT NULL,
  sponsorship_id  INT UNSIGNED NULL,     -- the sponsorship whose money it is (the live or last one)
  county_code     CHAR(6)      CHARACTER SET ascii NOT NULL,  -- the child's, when it was made
  city_code       CHAR(6)      CHARACTER SET ascii NOT NULL,
  period          VARCHAR(7)   CHARACTER SET ascii NOT NULL,
  amount_fen      BIGINT UNSIGNED NOT NULL,
  advanced_fen    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  method          ENUM('bank','cash','goods') NOT NULL,
  goods           VARCHAR(100) NULL,      -- what was given, for goods
  state           ENUM('draft','submitted','returned','approved','paid','failed','cancelled')
                  NOT NULL DEFAULT 'draft',
  batch_id        INT UNSIGNED NULL,
  paid_on         DATE         NULL,      -- the day the family received it
  bank_ref        VARCHAR(64)  NULL,      -- the bank's reference of the transfer
  fail_reason     VARCHAR(200) NULL,      -- the bank's, for a failed transfer
  review_note     VARCHAR(200) NULL,      -- why it was returned
  created_by      INT UNSIGNED NOT NULL,
  created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  approved_by     INT UNSIGNED NULL,
  approved_at     DATETIME     NULL,
  paid_by         INT UNSIGNED NULL,      -- who recorded it paid
  paid_at         DATETIME     NULL,      -- when it was recorded paid
  live_period     VARCHAR(20)  CHARACTER SET ascii
                  AS (IF(state <> 'cancelled', CONCAT(child_id, ':', period), NULL)) STORED,
  UNIQUE KEY uk_payout_ref (ref),
  UNIQUE KEY uk_payout_period (live_period),
  KEY k_payout_child (child_id, state),
  KEY k_payout_sponsorship (sponsorship_id, state),
  KEY k_payout_queue (state, county_code, created_at),
  KEY k_payout_batch (batch_id, state),
  KEY k_payout_paid (state, paid_on),
  CONSTRAINT fk_payout_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_payout_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT fk_payout_batch FOREIGN KEY (batch_id) REFERENCES payout_batches (id),
  CONSTRAINT fk_payout_creator FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT fk_payout_approver FOREIGN KEY (approved_by) REFERENCES staff (id),
  CONSTRAINT fk_payout_payer FOREIGN KEY (paid_by) REFERENCES staff (id),
  CONSTRAINT chk_payout_amount CHECK (amount_fen > 0 AND advanced_fen <= amount_fen),
  CONSTRAINT chk_payout_period CHECK (period REGEXP '^20[0-9]{2}(H[12]|-(0[1-9]|1[0-2]))?$'),
  CONSTRAINT chk_payout_paid CHECK (state <> 'paid' OR paid_on IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A payout's evidence (凭证): a scanned signed receipt (an image, re-encoded as visit photos are,
-- core/image.h) or the bank's PDF stored as it came. Files live in Care.PhotoDir under name.
CREATE TABLE payout_files (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         CHAR(32)     CHARACTER SET ascii NOT NULL,   -- random hex: the file's name
  payout_id    INT UNSIGNED NOT NULL,
  slot         TINYINT UNSIGNED NOT NULL,
  mime         ENUM('image/jpeg','image/png','application/pdf') NOT NULL,
  bytes        INT UNSIGNED NOT NULL,
  uploaded_by  INT UNSIGNED NOT NULL,
  created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_payout_file_name (name),
  UNIQUE KEY uk_payout_file_slot (payout_id, slot),
  CONSTRAINT fk_payout_file FOREIGN KEY (payout_id) REFERENCES payouts (id),
  CONSTRAINT fk_payout_file_uploader FOREIGN KEY (uploaded_by) REFERENCES staff (id),
  CONSTRAINT chk_payout_file_slot CHECK (slot BETWEEN 1 AND 4)
) ENGINE=InnoDB;

-- Each child's money, kept by the triggers below in the transactions that write donations and
-- payouts, so the guard "no more than received and not yet paid out" reads one locked row:
-- received_fen  sponsorship donations for the child, paid and not owed back;
-- committed_fen payouts not cancelled, less what the county advanced (they will be, or were, paid
--               from the sponsors' money);
-- paid_fen      payouts paid; advanced_fen the advanced part of those.
-- The payout guard (core/payouts.c) locks the row: amount - advanced <= received - committed.
CREATE TABLE child_funds (
  child_id       INT UNSIGNED NOT NULL PRIMARY KEY,
  received_fen   BIGINT NOT NULL DEFAULT 0,
  committed_fen  BIGINT NOT NULL DEFAULT 0,
  paid_fen       BIGINT NOT NULL DEFAULT 0,
  advanced_fen   BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT fk_funds_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB;

INSERT INTO child_funds (child_id, received_fen)
  SELECT x.child_id, SUM(d.amount_fen) FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id
  WHERE d.status = 'paid' AND d.refund_due = 0 GROUP BY x.child_id;

DELIMITER //
CREATE TRIGGER donations_funds_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.sponsorship_id IS NOT NULL AND NEW.status = 'paid' AND NEW.refund_due = 0 THEN
    INSERT INTO child_funds (child_id, received_fen)
      SELECT child_id, NEW.amount_fen FROM sponsorships WHERE id = NEW.sponsorship_id
      ON DUPLICATE KEY UPDATE received_fen = received_fen + NEW.amount_fen;
  END IF;
END//
CREATE TRIGGER donations_funds_upd AFTER UPDATE ON donations FOR EACH ROW
BEGIN
  DECLARE was, now BIGINT;
  SET was = IF(OLD.sponsorship_id IS NOT NULL AND OLD.status = 'paid' AND OLD.refund_due = 0,
               OLD.amount_fen, 0);
  SET now = IF(NEW.sponsorship_id IS NOT NULL AND NEW.status = 'paid' AND NEW.refund_due = 0,
               NEW.amount_fen, 0);
  IF was <> now THEN
    INSERT INTO child_funds (child_id, received_fen)
      SELECT child_id, now - was FROM sponsorships WHERE id = COALESCE(NEW.sponsorship_id,
                                                                        OLD.sponsorship_id)
      ON DUPLICATE KEY UPDATE received_fen = received_fen + now - was;
  END IF;
END//
CREATE TRIGGER payouts_funds_ins AFTER INSERT ON payouts FOR EACH ROW
BEGIN
  INSERT INTO child_funds (child_id, committed_fen, paid_fen, advanced_fen)
    VALUES (NEW.child_id,
            IF(NEW.state <> 'cancelled', NEW.amount_fen - NEW.advanced_fen, 0),
            IF(NEW.state = 'paid', NEW.amount_fen, 0),
            IF(NEW.state = 'paid', NEW.advanced_fen, 0))
    ON DUPLICATE KEY UPDATE
      committed_fen = committed_fen + IF(NEW.state <> 'cancelled',
                                         NEW.amount_fen - NEW.advanced_fen, 0),
      paid_fen = paid_fen + IF(NEW.state = 'paid', NEW.amount_fen, 0),
      advanced_fen = advanced_fen + IF(NEW.state = 'paid', NEW.advanced_fen, 0);
END//
CREATE TRIGGER payouts_funds_upd AFTER UPDATE ON payouts FOR EACH ROW
BEGIN
  UPDATE child_funds SET
    committed_fen = committed_fen
      + IF(NEW.state <> 'cancelled', NEW.amount_fen - NEW.advanced_fen, 0)
      - IF(OLD.state <> 'cancelled', OLD.amount_fen - OLD.advanced_fen, 0),
    paid_fen = paid_fen + IF(NEW.state = 'paid', NEW.amount_fen, 0)
                        - IF(OLD.state = 'paid', OLD.amount_fen, 0),
    advanced_fen = advanced_fen + IF(NEW.state = 'paid', NEW.advanced_fen, 0)
                                - IF(OLD.state = 'paid', OLD.advanced_fen, 0)
  WHERE child_id = NEW.child_id;
END//
CREATE TRIGGER payouts_state BEFORE UPDATE ON payouts FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'payout' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a payout may not make this change of state';
  END IF;
END//
DELIMITER ;

-- Renewals: a sponsorship's pledge schedule grows a year at a time (core/renewals.h), so an
-- instalment's seq goes past 12: an annual plan's year k is seq k, a monthly plan's month m of year
-- k is seq 12(k-1)+m. Twenty years of months fit.
ALTER TABLE instalments
  DROP CONSTRAINT chk_instalment,
  ADD CONSTRAINT chk_instalment CHECK (seq BETWEEN 1 AND 240 AND amount_fen > 0),
  ADD KEY k_instalment_due (due_date);

-- Each reminder sent, once: the sweep that sends them runs in every worker on every host, and the
-- insert of this row in the transaction that queues the message is what makes it once. kind:
-- renew (the next year's pledge made and told), before30/before7/before3/due (before its due
-- date, and on it), lapsing (unpaid past the grace days), county (the county told of a stop or a
-- lapse).
CREATE TABLE reminders (
  sponsorship_id  INT UNSIGNED NOT NULL,
  seq             TINYINT UNSIGNED NOT NULL,
  kind            ENUM('renew','before30','before7','before3','due','lapsing','county') NOT NULL,
  sent_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (sponsorship_id, seq, kind),
  CONSTRAINT fk_reminder_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id)
) ENGINE=InnoDB;

-- lapsing: an instalment unpaid Money.GraceDays after its due date (county staff see it; after
-- Money.DecideDays they decide: wait, or end it); stopping: its donor stopped it, and the money
-- already paid keeps going to the child for the period it pays, until the county ends it. Both
-- still bind the child (live_child).
ALTER TABLE sponsorships
  DROP KEY uk_sponsorship_live_child,
  DROP COLUMN live_child;
ALTER TABLE sponsorships
  MODIFY COLUMN state ENUM('held','pending_payment','pending_approval','active','ended','expired',
                           'cancelled','rejected','lapsing','stopping') NOT NULL DEFAULT 'held',
  ADD COLUMN lapsing_since DATE NULL,
  ADD COLUMN stopped_at    DATETIME NULL,
  ADD COLUMN stop_reason   VARCHAR(200) NULL,
  ADD COLUMN wait_until    DATE NULL;     -- the county chose to keep waiting until then
ALTER TABLE sponsorships
  ADD COLUMN live_child INT UNSIGNED
    AS (IF(state IN ('held','pending_payment','pending_approval','active','lapsing','stopping'),
           child_id, NULL)) STORED,
  ADD UNIQUE KEY uk_sponsorship_live_child (live_child);

INSERT INTO state_transitions (entity, from_state, to_state) VALUES
  ('sponsorship', 'active', 'lapsing'),
  ('sponsorship', 'lapsing', 'active'),
  ('sponsorship', 'lapsing', 'ended'),
  ('sponsorship', 'active', 'stopping'),
  ('sponsorship', 'lapsing', 'stopping'),
  ('sponsorship', 'stopping', 'ended'),
  ('child', 'paired', 'waiting'),
  ('payout', 'draft', 'submitted'),
  ('payout', 'returned', 'submitted'),
  ('payout', 'submitted', 'approved'),
  ('payout', 'submitted', 'returned'),
  ('payout', 'approved', 'paid'),
  ('payout', 'approved', 'failed'),
  ('payout', 'failed', 'approved'),
  ('payout', 'draft', 'cancelled'),
  ('payout', 'returned', 'cancelled'),
  ('payout', 'failed', 'cancelled');
