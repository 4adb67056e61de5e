-- 040_dashboard_counts.sql — the dashboard's counts by county (children by state, visits and
-- letters waiting for staff), kept by triggers in the transactions that change them, so /admin
-- reads a few hundred summary rows instead of every child in reach with three subqueries each
-- (the province's over 110,000 children took 667 ms). Like finance_months (sql/031), each
-- connection adds to one of 16 slots (by its connection id), so concurrent writers do not queue on
-- one row. What the date changes without a write (children waiting long, children due a visit)
-- is kept by month: the months before the cutoff's are summed, and the cutoff's own month is
-- counted from an index (cgi/admin/ui-home.c), so a count is right on any day without a write.

-- One county's counts in one slot; the sum over its slots is the county's. city_code is the
-- county's city, so that the dashboard's scope condition on children (c.city_code = ?,
-- c.county_code = ?) reads these rows as they are. waiting, pairing (held or pending) and paired
-- count children; visits_submitted the visits waiting for review, letters_pending the letters
-- waiting for review, letters_approved the sponsors' letters approved and not yet handed over;
-- care the rows of care_seen.
CREATE TABLE county_counts (
  county_code      CHAR(6)  NOT NULL,
  city_code        CHAR(6)  NOT NULL,
  slot             TINYINT UNSIGNED NOT NULL,
  waiting          INT NOT NULL DEFAULT 0,
  pairing          INT NOT NULL DEFAULT 0,
  paired           INT NOT NULL DEFAULT 0,
  visits_submitted INT NOT NULL DEFAULT 0,
  letters_pending  INT NOT NULL DEFAULT 0,
  letters_approved INT NOT NULL DEFAULT 0,
  care             INT NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, slot),
  KEY k_county_counts_city (city_code),
  CONSTRAINT chk_county_counts_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;

-- One county's children by month (CHAR(7), "2027-03") in one slot: kind 'waiting' counts the
-- waiting children by the month of waiting_since; kind 'seen' the rows of care_seen by the month of
-- seen; kind 'paired' the sponsorships decided (active or ended) by the month of decided_at.
CREATE TABLE county_months (
  county_code CHAR(6) NOT NULL,
  city_code   CHAR(6) NOT NULL,
  kind        ENUM('waiting','seen','paired') NOT NULL,
  month       CHAR(7) CHARACTER SET ascii NOT NULL,
  slot        TINYINT UNSIGNED NOT NULL,
  n           INT NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, month, county_code, slot),
  CONSTRAINT chk_county_months_slot CHECK (slot BETWEEN 1 AND 16)
) ENGINE=InnoDB;

-- Care after pairing: one row for each paired child's active sponsorship (what the dashboard calls
-- paired), with the day the child was last seen: its last approved visit under this pairing, or the
-- pairing's own day if none. code is the child's, so that the children due a visit are read in
-- the dashboard's order (longest unseen, then code) from an index alone, the province's or a
-- county's.
CREATE TABLE care_seen (
  sponsorship_id INT UNSIGNED NOT NULL PRIMARY KEY,
  child_id       INT UNSIGNED NOT NULL,
  code           CHAR(10) NOT NULL,
  county_code    CHAR(6)  NOT NULL,
  city_code      CHAR(6)  NOT NULL,
  seen           DATE     NOT NULL,
  KEY k_care_seen (seen, code, county_code, city_code),
  KEY k_care_seen_county (county_code, seen, code),
  KEY k_care_seen_child (child_id)
) ENGINE=InnoDB;

-- The waiting children of the cutoff's month, read from the index alone.
ALTER TABLE children ADD KEY k_status_since (status, waiting_since, county_code, city_code);

DELIMITER //
-- Add to one county's counts, in this connection's slot.
CREATE PROCEDURE county_counts_add(IN county CHAR(6), IN city CHAR(6), IN dw INT, IN dp INT,
                                   IN dpa INT, IN dv INT, IN dlp INT, IN dla INT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO county_counts (county_code, city_code, slot, waiting, pairing, paired,
                             visits_submitted, letters_pending, letters_approved)
    VALUES (county, city, CONNECTION_ID() % 16 + 1, dw, dp, dpa, dv, dlp, dla)
    ON DUPLICATE KEY UPDATE waiting = waiting + dw, pairing = pairing + dp,
      paired = paired + dpa, visits_submitted = visits_submitted + dv,
      letters_pending = letters_pending + dlp, letters_approved = letters_approved + dla;
END//

-- Add n to one county's month of a kind, in this connection's slot.
CREATE PROCEDURE county_months_add(IN county CHAR(6), IN city CHAR(6), IN k VARCHAR(8),
                                   IN day DATE, IN dn INT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO county_months (county_code, city_code, kind, month, slot, n)
    VALUES (county, city, k, DATE_FORMAT(day, '%Y-%m'), CONNECTION_ID() % 16 + 1, dn)
    ON DUPLICATE KEY UPDATE n = n + dn;
END//

-- Add a child's own count (sign 1 or -1) to its county: its state's column, and if waiting, the
-- month it has waited since.
CREATE PROCEDURE county_counts_child(IN county CHAR(6), IN city CHAR(6), IN st VARCHAR(8),
                                     IN since DATE, IN sign INT)
  SQL SECURITY DEFINER
BEGIN
  IF st <> 'exited' THEN
    CALL county_counts_add(county, city, sign * (st = 'waiting'),
                           sign * (st IN ('held', 'pending')), sign * (st = 'paired'), 0, 0, 0);
  END IF;
  IF st = 'waiting' THEN
    CALL county_months_add(county, city, 'waiting', since, sign);
  END IF;
END//

-- Add all of a child's pairings decided (active or ended; sign 1 or -1) to county's months: the
-- child moved there, or away.
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
END//

-- Add one sponsorship (sign 1 or -1) to its child's county's months, if it is a pairing decided.
CREATE PROCEDURE county_months_pairing(IN child INT UNSIGNED, IN st VARCHAR(16),
                                       IN decided DATETIME, IN sign INT)
  SQL SECURITY DEFINER
BEGIN
  IF st IN ('active', 'ended') AND decided IS NOT NULL THEN
    CALL county_months_add((SELECT county_code FROM children WHERE id = child),
                           (SELECT city_code FROM children WHERE id = child), 'paired',
                           decided, sign);
  END IF;
END//

-- Count a row of care_seen (sign 1 or -1) in its county, and in the month of its day.
CREATE PROCEDURE care_seen_count(IN county CHAR(6), IN city CHAR(6), IN day DATE, IN sign INT)
  SQL SECURITY DEFINER
BEGIN
  INSERT INTO county_counts (county_code, city_code, slot, care)
    VALUES (county, city, CONNECTION_ID() % 16 + 1, sign)
    ON DUPLICATE KEY UPDATE care = care + sign;
  CALL county_months_add(county, city, 'seen', day, sign);
END//

-- Sponsorship sp's row of care_seen afresh: none unless it is active and its child paired; its
-- month counted with it.
CREATE PROCEDURE care_seen_refresh(IN sp INT UNSIGNED)
  SQL SECURITY DEFINER
BEGIN
  -- (SELECT …) gives NULL where SELECT … INTO would warn of no row.
  DECLARE county CHAR(6) DEFAULT (SELECT county_code FROM care_seen WHERE sponsorship_id = sp);
  DECLARE city CHAR(6) DEFAULT (SELECT city_code FROM care_seen WHERE sponsorship_id = sp);
  DECLARE day DATE DEFAULT (SELECT seen FROM care_seen WHERE sponsorship_id = sp);
  IF day IS NOT NULL THEN
    DELETE FROM care_seen WHERE sponsorship_id = sp;
    CALL care_seen_count(county, city, day, -1);
  END IF;
  INSERT INTO care_seen (sponsorship_id, child_id, code, county_code, city_code, seen)
    SELECT x.id, c.id, c.code, c.county_code, c.city_code,
      COALESCE((SELECT MAX(v.visited_on) FROM visits v WHERE v.sponsorship_id = x.id
                AND v.state = 'approved'), DATE(x.decided_at), DATE(x.created_at))
    FROM sponsorships x JOIN children c ON c.id = x.live_child
    WHERE x.id = sp AND x.state = 'active' AND c.status = 'paired';
  IF ROW_COUNT() > 0 THEN
    SET county = (SELECT county_code FROM care_seen WHERE sponsorship_id = sp);
    SET city = (SELECT city_code FROM care_seen WHERE sponsorship_id = sp);
    SET day = (SELECT seen FROM care_seen WHERE sponsorship_id = sp);
    CALL care_seen_count(county, city, day, 1);
  END IF;
END//

-- A child's row of care_seen afresh, after a change of its state or place.
CREATE PROCEDURE care_seen_child(IN child INT UNSIGNED)
  SQL SECURITY DEFINER
BEGIN
  DECLARE sp INT UNSIGNED;
  SET sp = COALESCE((SELECT sponsorship_id FROM care_seen WHERE child_id = child LIMIT 1),
                    (SELECT id FROM sponsorships WHERE live_child = child));
  IF sp IS NOT NULL THEN
    CALL care_seen_refresh(sp);
  END IF;
END//

-- Add a visit's or a letter's counts (sign 1 or -1) to its child's county.
CREATE PROCEDURE county_counts_care(IN child INT UNSIGNED, IN dv INT, IN dlp INT, IN dla INT)
  SQL SECURITY DEFINER
BEGIN
  DECLARE county, city CHAR(6);
  IF dv <> 0 OR dlp <> 0 OR dla <> 0 THEN
    SELECT county_code, city_code INTO county, city FROM children WHERE id = child;
    CALL county_counts_add(county, city, 0, 0, 0, dv, dlp, dla);
  END IF;
END//

-- Every count from scratch: for repair after an import that went around the triggers (txctl
-- dashboard-recount), and to fill the table for the children already there.
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

CREATE TRIGGER children_counts_ins AFTER INSERT ON children FOR EACH ROW
  CALL county_counts_child(NEW.county_code, NEW.city_code, NEW.status, NEW.waiting_since, 1)//
-- A change of state moves the child between columns; a transfer to another county moves it and
-- its visits and letters waiting for staff. Any other change touches no count.
CREATE TRIGGER children_counts_upd AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.status <> OLD.status OR NEW.county_code <> OLD.county_code
      OR NEW.waiting_since <> OLD.waiting_since THEN
    CALL county_counts_child(OLD.county_code, OLD.city_code, OLD.status, OLD.waiting_since, -1);
    CALL county_counts_child(NEW.county_code, NEW.city_code, NEW.status, NEW.waiting_since, 1);
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
CREATE TRIGGER children_counts_del AFTER DELETE ON children FOR EACH ROW
  CALL county_counts_child(OLD.county_code, OLD.city_code, OLD.status, OLD.waiting_since, -1)//

-- A sponsorship made active, or no longer, or decided on another day: its row of care_seen, and
-- its month's pairings.
CREATE TRIGGER sponsorships_seen_ins AFTER INSERT ON sponsorships FOR EACH ROW
BEGIN
  IF NEW.state = 'active' THEN
    CALL care_seen_refresh(NEW.id);
  END IF;
  CALL county_months_pairing(NEW.child_id, NEW.state, NEW.decided_at, 1);
END//
CREATE TRIGGER sponsorships_seen_upd AFTER UPDATE ON sponsorships FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state OR NOT (NEW.decided_at <=> OLD.decided_at)
      OR NEW.child_id <> OLD.child_id THEN
    IF NEW.state = 'active' OR OLD.state = 'active' THEN
      CALL care_seen_refresh(NEW.id);
    END IF;
    CALL county_months_pairing(OLD.child_id, OLD.state, OLD.decided_at, -1);
    CALL county_months_pairing(NEW.child_id, NEW.state, NEW.decided_at, 1);
  END IF;
END//
CREATE TRIGGER sponsorships_seen_del AFTER DELETE ON sponsorships FOR EACH ROW
BEGIN
  CALL care_seen_refresh(OLD.id);
  CALL county_months_pairing(OLD.child_id, OLD.state, OLD.decided_at, -1);
END//

-- A visit approved (or no longer, or of another day) moves its pairing's last seen day.
CREATE TRIGGER visits_counts_ins AFTER INSERT ON visits FOR EACH ROW
BEGIN
  CALL county_counts_care(NEW.child_id, NEW.state = 'submitted', 0, 0);
  IF NEW.state = 'approved' THEN
    CALL care_seen_refresh(NEW.sponsorship_id);
  END IF;
END//
CREATE TRIGGER visits_counts_upd AFTER UPDATE ON visits FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state OR NEW.child_id <> OLD.child_id THEN
    CALL county_counts_care(OLD.child_id, -(OLD.state = 'submitted'), 0, 0);
    CALL county_counts_care(NEW.child_id, NEW.state = 'submitted', 0, 0);
  END IF;
  IF (NEW.state = 'approved' OR OLD.state = 'approved') AND (NEW.state <> OLD.state
      OR NEW.visited_on <> OLD.visited_on OR NEW.sponsorship_id <> OLD.sponsorship_id) THEN
    CALL care_seen_refresh(OLD.sponsorship_id);
    IF NEW.sponsorship_id <> OLD.sponsorship_id THEN
      CALL care_seen_refresh(NEW.sponsorship_id);
    END IF;
  END IF;
END//
CREATE TRIGGER visits_counts_del AFTER DELETE ON visits FOR EACH ROW
BEGIN
  CALL county_counts_care(OLD.child_id, -(OLD.state = 'submitted'), 0, 0);
  IF OLD.state = 'approved' THEN
    CALL care_seen_refresh(OLD.sponsorship_id);
  END IF;
END//

CREATE TRIGGER letters_counts_ins AFTER INSERT ON letters FOR EACH ROW
  CALL county_counts_care(NEW.child_id, 0, NEW.state = 'pending',
                          NEW.state = 'approved' AND NEW.direction = 'to_child')//
CREATE TRIGGER letters_counts_upd AFTER UPDATE ON letters FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state OR NEW.child_id <> OLD.child_id
      OR NEW.direction <> OLD.direction THEN
    CALL county_counts_care(OLD.child_id, 0, -(OLD.state = 'pending'),
                            -(OLD.state = 'approved' AND OLD.direction = 'to_child'));
    CALL county_counts_care(NEW.child_id, 0, NEW.state = 'pending',
                            NEW.state = 'approved' AND NEW.direction = 'to_child');
  END IF;
END//
CREATE TRIGGER letters_counts_del AFTER DELETE ON letters FOR EACH ROW
  CALL county_counts_care(OLD.child_id, 0, -(OLD.state = 'pending'),
                          -(OLD.state = 'approved' AND OLD.direction = 'to_child'))//
DELIMITER ;

CALL county_counts_rebuild();
