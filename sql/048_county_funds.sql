-- 048_county_funds.sql — the sponsorships' money by county and month, for the dashboard's chart
-- of a year's money in reach (cgi/admin/charts.c). Summed from the donations, a city's year read
-- every donation's child at random: 5 s for 武汉's 12,500 children at 100,000 in a 64 MB buffer
-- pool. Kept here as kind 'funds' of county_months (sql/040): n is the fen paid in that month to
-- sponsorships of the county's children, less what is owed back, in the transaction that pays or
-- refunds it (the triggers below), and moved with a child who moves to another county
-- (county_months_pairings), so that it always equals a recount by the child's county today
-- (http_dashboard_counts checks it through the app, a move and a rebuild).

ALTER TABLE county_months
  MODIFY kind ENUM('waiting','seen','paired','funds') NOT NULL,
  MODIFY n BIGINT NOT NULL DEFAULT 0;

DELIMITER //
-- Add dfen paid on day to the month of sponsorship sp's child's county, in this connection's slot.
CREATE PROCEDURE county_funds_add(IN sp INT UNSIGNED, IN day DATETIME, IN dfen BIGINT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT c.county_code, c.city_code, 'funds', DATE_FORMAT(day, '%Y-%m'),
      CONNECTION_ID() % 16 + 1, dfen
    FROM sponsorships x JOIN children c ON c.id = x.child_id WHERE x.id = sp
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
END//

CREATE TRIGGER donations_months_ins AFTER INSERT ON donations FOR EACH ROW
BEGIN
  IF NEW.sponsorship_id IS NOT NULL AND NEW.status = 'paid' AND NEW.refund_due = 0 THEN
    CALL county_funds_add(NEW.sponsorship_id, NEW.paid_at, NEW.amount_fen);
  END IF;
END//
-- Paid, refunded or found owed back: out of the old month, into the new; any other change (a
-- receipt sent, say) touches nothing.
CREATE TRIGGER donations_months_upd AFTER UPDATE ON donations FOR EACH ROW
BEGIN
  DECLARE was, now BOOLEAN;
  SET was = OLD.sponsorship_id IS NOT NULL AND OLD.status = 'paid' AND OLD.refund_due = 0;
  SET now = NEW.sponsorship_id IS NOT NULL AND NEW.status = 'paid' AND NEW.refund_due = 0;
  IF (was OR now) AND NOT (was AND now AND NEW.amount_fen = OLD.amount_fen
      AND NEW.sponsorship_id = OLD.sponsorship_id AND NEW.paid_at = OLD.paid_at) THEN
    IF was THEN
      CALL county_funds_add(OLD.sponsorship_id, OLD.paid_at, -CAST(OLD.amount_fen AS SIGNED));
    END IF;
    IF now THEN
      CALL county_funds_add(NEW.sponsorship_id, NEW.paid_at, NEW.amount_fen);
    END IF;
  END IF;
END//
CREATE TRIGGER donations_months_del AFTER DELETE ON donations FOR EACH ROW
BEGIN
  IF OLD.sponsorship_id IS NOT NULL AND OLD.status = 'paid' AND OLD.refund_due = 0 THEN
    CALL county_funds_add(OLD.sponsorship_id, OLD.paid_at, -CAST(OLD.amount_fen AS SIGNED));
  END IF;
END//

-- A child's move takes its pairings (as in sql/040) and now its money to the other county.
DROP PROCEDURE county_months_pairings//
CREATE PROCEDURE county_months_pairings(IN child INT UNSIGNED, IN county CHAR(6), IN city CHAR(6),
                                        IN sign INT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT county, city, 'paired', DATE_FORMAT(decided_at, '%Y-%m'), CONNECTION_ID() % 16 + 1,
      sign * COUNT(*) FROM sponsorships
    WHERE child_id = child AND state IN ('active', 'ended') AND decided_at IS NOT NULL
    GROUP BY DATE_FORMAT(decided_at, '%Y-%m')
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT county, city, 'funds', DATE_FORMAT(d.paid_at, '%Y-%m'), CONNECTION_ID() % 16 + 1,
      sign * SUM(d.amount_fen) FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id
    WHERE x.child_id = child AND d.status = 'paid' AND d.refund_due = 0
    GROUP BY DATE_FORMAT(d.paid_at, '%Y-%m')
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
END//

-- Every count from scratch (repair after a hand edit, README): sql/040's, and the money too.
DROP PROCEDURE county_counts_rebuild//
CREATE PROCEDURE county_counts_rebuild()
  SQL SECURITY DEFINER
BEGIN
  DELETE FROM county_counts;
  DELETE FROM county_months;
  DELETE FROM care_seen;
  INSERT INTO care_seen (sponsorship_id, child_id, code, county_code, city_code, seen)
    SELECT x.id, c.id, c.code, c.county_code, c.city_code,
      COALESCE(MAX(v.visited_on), DATE(x.decided_at), DATE(x.created_at))
    FROM sponsorships x JOIN children c ON c.id = x.live_child
    LEFT JOIN visits v ON v.sponsorship_id = x.id AND v.state = 'approved'
    WHERE x.state = 'active' AND c.status = 'paired'
    GROUP BY x.id;
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT county_code, city_code, 'waiting', DATE_FORMAT(waiting_since, '%Y-%m'), 1, COUNT(*)
    FROM children WHERE status = 'waiting'
    GROUP BY county_code, city_code, DATE_FORMAT(waiting_since, '%Y-%m');
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT county_code, city_code, 'seen', DATE_FORMAT(seen, '%Y-%m'), 1, COUNT(*)
    FROM care_seen GROUP BY county_code, city_code, DATE_FORMAT(seen, '%Y-%m');
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT c.county_code, c.city_code, 'paired', DATE_FORMAT(x.decided_at, '%Y-%m'), 1, COUNT(*)
    FROM sponsorships x JOIN children c ON c.id = x.child_id
    WHERE x.state IN ('active', 'ended') AND x.decided_at IS NOT NULL
    GROUP BY c.county_code, c.city_code, DATE_FORMAT(x.decided_at, '%Y-%m');
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    SELECT c.county_code, c.city_code, 'funds', DATE_FORMAT(d.paid_at, '%Y-%m'), 1,
      SUM(d.amount_fen)
    FROM donations d JOIN sponsorships x ON x.id = d.sponsorship_id
    JOIN children c ON c.id = x.child_id
    WHERE d.status = 'paid' AND d.refund_due = 0
    GROUP BY c.county_code, c.city_code, DATE_FORMAT(d.paid_at, '%Y-%m');
  INSERT INTO county_counts (county_code, city_code, slot, waiting, pairing, paired,
                             visits_submitted, letters_pending, letters_approved, care)
    SELECT c.county_code, c.city_code, 1, SUM(c.status = 'waiting'),
      SUM(c.status IN ('held', 'pending')), SUM(c.status = 'paired'),
      COALESCE(SUM(v.n), 0), COALESCE(SUM(lp.n), 0), COALESCE(SUM(la.n), 0),
      (SELECT COUNT(*) FROM care_seen s WHERE s.county_code = c.county_code)
    FROM children c
    LEFT JOIN (SELECT child_id, COUNT(*) AS n FROM visits WHERE state = 'submitted'
               GROUP BY child_id) v ON v.child_id = c.id
    LEFT JOIN (SELECT child_id, COUNT(*) AS n FROM letters WHERE state = 'pending'
               GROUP BY child_id) lp ON lp.child_id = c.id
    LEFT JOIN (SELECT child_id, COUNT(*) AS n FROM letters
               WHERE state = 'approved' AND direction = 'to_child' GROUP BY child_id) la
      ON la.child_id = c.id
    GROUP BY c.county_code, c.city_code;
END//
DELIMITER ;

-- The money of the donations already there, with every other count (as sql/040 filled them).
CALL county_counts_rebuild();
