-- 031_finance.sql — income and spending by month (收支明细), kept by triggers in the transactions
-- that write donations and payouts, so /disclosure/finance and the home page's 已发放 read a few
-- hundred rows however many donations and payouts there are. Like donation_totals (sql/005), each
-- connection adds to one of 16 slots (by its connection id), so concurrent writers do not queue on
-- one row.

-- One month's income of a channel, or spending in a city, in one slot. kind 'income': line is the
-- channel (donations.purpose: sponsorship 一对一, general 非定向; directed, matching and offline
-- have no source yet), counted by the month the donation was paid, while it is paid and not owed
-- back. kind 'spending': line is the payout's city_code, counted by the month of paid_on, while
-- the payout is paid. n counts the donations or payouts.
CREATE TABLE finance_months (
  month  CHAR(7)      CHARACTER SET ascii NOT NULL,   -- "2027-03"
  kind   ENUM('income','spending') NOT NULL,
  line   VARCHAR(16)  CHARACTER SET ascii NOT NULL,
  slot   TINYINT UNSIGNED NOT NULL,
  n      BIGINT NOT NULL DEFAULT 0,
  fen    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, kind, line, slot),
  CONSTRAINT chk_finance_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;

-- Donations and payouts written before this migration.
INSERT INTO finance_months (month, kind, line, slot, n, fen)
  SELECT DATE_FORMAT(paid_at, '%Y-%m'), 'income', purpose, 1, COUNT(*), SUM(amount_fen)
  FROM donations WHERE status = 'paid' AND refund_due = 0
  GROUP BY DATE_FORMAT(paid_at, '%Y-%m'), purpose;
INSERT INTO finance_months (month, kind, line, slot, n, fen)
  SELECT DATE_FORMAT(paid_on, '%Y-%m'), 'spending', city_code, 1, COUNT(*), SUM(amount_fen)
  FROM payouts WHERE state = 'paid'
  GROUP BY DATE_FORMAT(paid_on, '%Y-%m'), city_code;

-- Reconciliation reads a child's donations through its sponsorships.
ALTER TABLE donations ADD KEY k_donation_sponsorship (sponsorship_id, paid_at);

DELIMITER //
-- Add n donations or payouts of fen to a month's line, in this connection's slot.
CREATE PROCEDURE finance_add(IN m CHAR(7), IN k VARCHAR(8), IN l VARCHAR(16), IN dn BIGINT,
                             IN dfen BIGINT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO finance_months (month, kind, line, slot, n, fen)
    VALUES (m, k, l, CONNECTION_ID() % 16 + 1, dn, dfen)
    ON DUPLICATE KEY UPDATE n = n + dn, fen = fen + dfen;
END//

CREATE TRIGGER donations_finance_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.status = 'paid' AND NEW.refund_due = 0 THEN
    CALL finance_add(DATE_FORMAT(NEW.paid_at, '%Y-%m'), 'income', NEW.purpose, 1,
                     NEW.amount_fen);
  END IF;
END//
-- A refund, or money found to be owed back, takes it out of the month it was paid in; an update
-- that changes nothing counted (a receipt sent, say) touches no total.
CREATE TRIGGER donations_finance_upd AFTER UPDATE ON donations FOR EACH ROW
BEGIN
  DECLARE was, now BOOLEAN;
  SET was = OLD.status = 'paid' AND OLD.refund_due = 0;
  SET now = NEW.status = 'paid' AND NEW.refund_due = 0;
  IF (was OR now) AND NOT (was AND now AND NEW.amount_fen = OLD.amount_fen
      AND NEW.purpose = OLD.purpose AND NEW.paid_at = OLD.paid_at) THEN
    IF was THEN
      CALL finance_add(DATE_FORMAT(OLD.paid_at, '%Y-%m'), 'income', OLD.purpose, -1,
                       -CAST(OLD.amount_fen AS SIGNED));
    END IF;
    IF now THEN
      CALL finance_add(DATE_FORMAT(NEW.paid_at, '%Y-%m'), 'income', NEW.purpose, 1,
                       NEW.amount_fen);
    END IF;
  END IF;
END//
CREATE TRIGGER donations_finance_del AFTER DELETE ON donations FOR EACH ROW
BEGIN
  IF OLD.status = 'paid' AND OLD.refund_due = 0 THEN
    CALL finance_add(DATE_FORMAT(OLD.paid_at, '%Y-%m'), 'income', OLD.purpose, -1,
                     -CAST(OLD.amount_fen AS SIGNED));
  END IF;
END//

-- A payout counts once paid, in the month of paid_on; the public pages that show it are cached
-- by content_generation (sql/003), which moves with it.
CREATE TRIGGER payouts_finance_ins AFTER INSERT ON payouts FOR EACH ROW
BEGIN
  IF NEW.state = 'paid' THEN
    CALL finance_add(DATE_FORMAT(NEW.paid_on, '%Y-%m'), 'spending', NEW.city_code, 1,
                     NEW.amount_fen);
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER payouts_finance_upd AFTER UPDATE ON payouts FOR EACH ROW
BEGIN
  IF OLD.state = 'paid' OR NEW.state = 'paid' THEN
    IF OLD.state = 'paid' THEN
      CALL finance_add(DATE_FORMAT(OLD.paid_on, '%Y-%m'), 'spending', OLD.city_code, -1,
                       -CAST(OLD.amount_fen AS SIGNED));
    END IF;
    IF NEW.state = 'paid' THEN
      CALL finance_add(DATE_FORMAT(NEW.paid_on, '%Y-%m'), 'spending', NEW.city_code, 1,
                       NEW.amount_fen);
    END IF;
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER payouts_finance_del AFTER DELETE ON payouts FOR EACH ROW
BEGIN
  IF OLD.state = 'paid' THEN
    CALL finance_add(DATE_FORMAT(OLD.paid_on, '%Y-%m'), 'spending', OLD.city_code, -1,
                     -CAST(OLD.amount_fen AS SIGNED));
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
DELIMITER ;
