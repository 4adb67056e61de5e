-- 019_state_transitions.sql — the database refuses a change of state its tables do not allow.
-- The tables are cgi/core/state.c's (ENTITIES): one row per allowed move of a sponsorship, a
-- payment order, a child, a refund or a donation; a worker checks at start that this copy and its
-- own agree. The triggers below refuse any other UPDATE of a state column, whatever code sends it;
-- a row may keep its state while other columns change. An administrator repairing data by hand
-- sets @state_repair = 1 in that session first (the app never does: `make check` keeps it so).
CREATE TABLE state_transitions (
  entity      VARCHAR(16) NOT NULL,
  from_state  VARCHAR(24) NOT NULL,
  to_state    VARCHAR(24) NOT NULL,
  PRIMARY KEY (entity, from_state, to_state)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT INTO state_transitions (entity, from_state, to_state) VALUES
  ('sponsorship', 'held', 'pending_payment'),
  ('sponsorship', 'pending_payment', 'held'),
  ('sponsorship', 'held', 'expired'),
  ('sponsorship', 'pending_payment', 'expired'),
  ('sponsorship', 'held', 'cancelled'),
  ('sponsorship', 'pending_payment', 'cancelled'),
  ('sponsorship', 'held', 'pending_approval'),
  ('sponsorship', 'pending_payment', 'pending_approval'),
  ('sponsorship', 'expired', 'pending_approval'),
  ('sponsorship', 'pending_approval', 'active'),
  ('sponsorship', 'pending_approval', 'rejected'),
  ('sponsorship', 'active', 'ended'),
  ('order', 'created', 'paid'),
  ('order', 'expired', 'paid'),
  ('order', 'cancelled', 'paid'),
  ('order', 'closed', 'paid'),
  ('order', 'created', 'expired'),
  ('order', 'created', 'cancelled'),
  ('order', 'created', 'closed'),
  ('child', 'waiting', 'held'),
  ('child', 'held', 'waiting'),
  ('child', 'waiting', 'pending'),
  ('child', 'held', 'pending'),
  ('child', 'pending', 'paired'),
  ('child', 'pending', 'waiting'),
  ('child', 'waiting', 'exited'),
  ('child', 'paired', 'exited'),
  ('refund', 'requested', 'done'),
  ('donation', 'paid', 'refunded');

DELIMITER //
CREATE TRIGGER sponsorships_state BEFORE UPDATE ON sponsorships FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'sponsorship' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a sponsorship may not make this change of state';
  END IF;
END//
CREATE TRIGGER pay_orders_state BEFORE UPDATE ON pay_orders FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'order' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a payment order may not make this change of state';
  END IF;
END//
CREATE TRIGGER children_state BEFORE UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.status <> OLD.status AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'child' AND from_state = OLD.status AND to_state = NEW.status) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a child may not make this change of status';
  END IF;
END//
CREATE TRIGGER refunds_state BEFORE UPDATE ON refunds FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'refund' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a refund may not make this change of state';
  END IF;
END//
CREATE TRIGGER donations_state BEFORE UPDATE ON donations FOR EACH ROW
BEGIN
  IF NEW.status <> OLD.status AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'donation' AND from_state = OLD.status AND to_state = NEW.status) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a donation may not make this change of status';
  END IF;
END//
DELIMITER ;
