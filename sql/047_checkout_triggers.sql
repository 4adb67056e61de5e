-- 047_checkout_triggers.sql — the counts a checkout moves, with fewer procedure calls (issue 14).
--
-- A checkout's triggers made about 20 CALLs, each a stored routine's whole execution in mariadbd,
-- and most of them changed nothing: the month's pairings of a sponsorship that is neither active
-- nor ended, the raised totals of a gift for no page and no activity, and the county's columns of
-- a child that stays in its column (held → pending both count as 正在结对). Each trigger now
-- asks the question its procedure would have asked first, and a child's change within its
-- county is one row's update with the difference of its columns, where it was one for the old
-- column and one for the new. What the counts hold is unchanged (http_dashboard_counts,
-- http_home_counts and http_finance check them against a full recount).

DELIMITER //

DROP TRIGGER children_counts_upd//
-- A change of state moves the child between columns; a transfer to another county moves it and
-- its visits and letters waiting for staff. Any other change touches no count.
CREATE TRIGGER children_counts_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  DECLARE dw, dp, dpa INT;
  IF NEW.county_code <> OLD.county_code OR NEW.city_code <> OLD.city_code THEN
    CALL county_counts_child(OLD.county_code, OLD.city_code, OLD.status, OLD.waiting_since, -1);
    CALL county_counts_child(NEW.county_code, NEW.city_code, NEW.status, NEW.waiting_since, 1);
  ELSEIF NEW.status <> OLD.status OR NEW.waiting_since <> OLD.waiting_since THEN
    -- The columns of county_counts_child, new less old: an exited child is in none of them.
    SET dw = (NEW.status = 'waiting') - (OLD.status = 'waiting');
    SET dp = (NEW.status IN ('held', 'pending')) - (OLD.status IN ('held', 'pending'));
    SET dpa = (NEW.status = 'paired') - (OLD.status = 'paired');
    IF dw <> 0 OR dp <> 0 OR dpa <> 0 THEN
      CALL county_counts_add(NEW.county_code, NEW.city_code, dw, dp, dpa, 0, 0, 0);
    END IF;
    IF OLD.status = 'waiting' THEN
      CALL county_months_add(OLD.county_code, OLD.city_code, 'waiting', OLD.waiting_since, -1);
    END IF;
    IF NEW.status = 'waiting' THEN
      CALL county_months_add(NEW.county_code, NEW.city_code, 'waiting', NEW.waiting_since, 1);
    END IF;
  END IF;
  -- care_seen holds paired children only: a hold or its lapse need not look.
  IF (NEW.status = 'paired' OR OLD.status = 'paired') AND (NEW.status <> OLD.status
      OR NEW.county_code <> OLD.county_code OR NEW.code <> OLD.code) THEN
    CALL care_seen_child(NEW.id);
  END IF;
  IF NEW.county_code <> OLD.county_code THEN
    CALL county_months_pairings(NEW.id, OLD.county_code, OLD.city_code, -1);
    CALL county_months_pairings(NEW.id, NEW.county_code, NEW.city_code, 1);
    BEGIN
      DECLARE dv, dlp, dla INT;
      SELECT COUNT(*) INTO dv FROM visits WHERE child_id = NEW.id AND state = 'submitted';
      SELECT SUM(state = 'pending'), SUM(state = 'approved' AND direction = 'to_child')
        INTO dlp, dla FROM letters WHERE child_id = NEW.id;
      CALL county_counts_add(OLD.county_code, OLD.city_code, 0, 0, 0, -dv,
                             -COALESCE(dlp, 0), -COALESCE(dla, 0));
      CALL county_counts_add(NEW.county_code, NEW.city_code, 0, 0, 0, dv,
                             COALESCE(dlp, 0), COALESCE(dla, 0));
    END;
  END IF;
END//

-- A sponsorship made active, or no longer, or decided on another day: its row of care_seen, and
-- its month's pairings, which count active and ended sponsorships alone (county_months_pairing):
-- a hold, a plan and a payment count nothing there.
DROP TRIGGER sponsorships_seen_ins//
CREATE TRIGGER sponsorships_seen_ins AFTER INSERT ON sponsorships FOR EACH ROW
BEGIN
  IF NEW.state = 'active' THEN
    CALL care_seen_refresh(NEW.id);
  END IF;
  IF NEW.state IN ('active', 'ended') THEN
    CALL county_months_pairing(NEW.child_id, NEW.state, NEW.decided_at, 1);
  END IF;
END//
DROP TRIGGER sponsorships_seen_upd//
CREATE TRIGGER sponsorships_seen_upd AFTER UPDATE ON sponsorships FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state OR NOT (NEW.decided_at <=> OLD.decided_at)
      OR NEW.child_id <> OLD.child_id THEN
    IF NEW.state = 'active' OR OLD.state = 'active' THEN
      CALL care_seen_refresh(NEW.id);
    END IF;
    IF OLD.state IN ('active', 'ended') THEN
      CALL county_months_pairing(OLD.child_id, OLD.state, OLD.decided_at, -1);
    END IF;
    IF NEW.state IN ('active', 'ended') THEN
      CALL county_months_pairing(NEW.child_id, NEW.state, NEW.decided_at, 1);
    END IF;
  END IF;
END//

-- raised_totals keeps pages' and activities' totals: a gift for neither (a sponsorship's, the
-- fund's, a region's) has none to move.
DROP TRIGGER donations_raised_ins//
CREATE TRIGGER donations_raised_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.status = 'paid' AND NEW.refund_due = 0
      AND (NEW.page_id IS NOT NULL OR NEW.activity_id IS NOT NULL) THEN
    CALL raised_donation(1, NEW.channel, NEW.page_id, NEW.activity_id, NEW.amount_fen);
  END IF;
END//

DELIMITER ;
