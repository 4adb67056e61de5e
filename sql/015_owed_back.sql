-- 015_owed_back.sql — money that settles nothing is recorded and owed back, never refused nor
-- only logged. An order whose sponsorship ended (a child's exit, a reject, a hold given up) is
-- closed, and its provider asked to close it too; money that arrives for it all the same is owed
-- back. An order may now have more than one payment (a second provider transaction, a wrong
-- amount), of which at most one is the order's own: a unique key still says so. Money owed back is
-- not counted as raised.

ALTER TABLE pay_orders
  MODIFY COLUMN state ENUM('created','paid','cancelled','expired','closed') NOT NULL
    DEFAULT 'created',
  ADD COLUMN closed_at          DATETIME NULL,  -- we closed it: what it was to pay for ended
  ADD COLUMN provider_closed_at DATETIME NULL,  -- the provider confirmed it; NULL: still to ask
  ADD KEY k_order_close (state, provider_closed_at);

-- settles: the order's own payment (1), or money beyond it (0: a second transaction, a wrong
-- amount), which is always owed back. At most one of an order's own: uk_donation_settles.
ALTER TABLE donations
  ADD COLUMN settles       TINYINT(1)  NOT NULL DEFAULT 1 AFTER refund_due,
  ADD COLUMN refund_reason VARCHAR(64) NULL AFTER settles,  -- why it is owed, as people read it
  ADD COLUMN settles_order BIGINT UNSIGNED AS (IF(settles = 1, order_id, NULL)) STORED,
  ADD UNIQUE KEY uk_donation_settles (settles_order),
  ADD KEY k_donation_order (order_id);
ALTER TABLE donations DROP KEY uk_donation_order;

-- The sandbox provider's own record of the orders it was asked to close: its Pay button refuses
-- them.
CREATE TABLE sandbox_closed (
  order_no   CHAR(24) NOT NULL PRIMARY KEY,
  closed_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;

-- The running totals count what was raised: paid, and not owed back.
DROP TRIGGER donations_total_ins;
DROP TRIGGER donations_total_upd;
DROP TRIGGER donations_total_del;
CREATE TRIGGER donations_total_ins AFTER INSERT ON donations FOR EACH ROW
  UPDATE donation_totals SET n = n + (NEW.status = 'paid' AND NEW.refund_due = 0),
    fen = fen + IF(NEW.status = 'paid' AND NEW.refund_due = 0, NEW.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_total_upd AFTER UPDATE ON donations FOR EACH ROW
  UPDATE donation_totals
    SET n = n + (NEW.status = 'paid' AND NEW.refund_due = 0)
              - (OLD.status = 'paid' AND OLD.refund_due = 0),
      fen = fen + IF(NEW.status = 'paid' AND NEW.refund_due = 0, NEW.amount_fen, 0)
                - IF(OLD.status = 'paid' AND OLD.refund_due = 0, OLD.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER donations_total_del AFTER DELETE ON donations FOR EACH ROW
  UPDATE donation_totals SET n = n - (OLD.status = 'paid' AND OLD.refund_due = 0),
    fen = fen - IF(OLD.status = 'paid' AND OLD.refund_due = 0, OLD.amount_fen, 0)
  WHERE id = CONNECTION_ID() % 16 + 1;
-- Counted again once, under the new rule.
UPDATE donation_totals SET n = 0, fen = 0;
UPDATE donation_totals
  SET n = (SELECT COUNT(*) FROM donations WHERE status = 'paid' AND refund_due = 0),
    fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM donations
           WHERE status = 'paid' AND refund_due = 0)
  WHERE id = 1;
