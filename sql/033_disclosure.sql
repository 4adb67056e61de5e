-- 033_disclosure.sql — disclosure (信息公开) and 举报 (issue 13, sections 5 and 6): the working-day
-- calendar a report's answer is due by, the reports themselves, and the documents /disclosure lists.

-- The State Council's holiday schedule (国务院办公厅 部分节假日安排): days off that would be
-- working days, and make-up working days (调休上班) that would be weekends; every other Saturday
-- and Sunday is off and every other weekday a working day (core/workdays.h).
CREATE TABLE holidays (
  day   DATE NOT NULL PRIMARY KEY,
  kind  ENUM('off','work') NOT NULL,
  name  VARCHAR(16) NOT NULL                               -- the holiday it belongs to
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
INSERT INTO holidays (day, kind, name) VALUES
  ('2026-01-01', 'off', '元旦'), ('2026-01-02', 'off', '元旦'), ('2026-01-03', 'off', '元旦'),
  ('2026-01-04', 'work', '元旦'),
  ('2026-02-14', 'work', '春节'),
  ('2026-02-15', 'off', '春节'), ('2026-02-16', 'off', '春节'), ('2026-02-17', 'off', '春节'),
  ('2026-02-18', 'off', '春节'), ('2026-02-19', 'off', '春节'), ('2026-02-20', 'off', '春节'),
  ('2026-02-21', 'off', '春节'), ('2026-02-22', 'off', '春节'), ('2026-02-23', 'off', '春节'),
  ('2026-02-28', 'work', '春节'),
  ('2026-04-04', 'off', '清明节'), ('2026-04-05', 'off', '清明节'), ('2026-04-06', 'off', '清明节'),
  ('2026-05-01', 'off', '劳动节'), ('2026-05-02', 'off', '劳动节'), ('2026-05-03', 'off', '劳动节'),
  ('2026-05-04', 'off', '劳动节'), ('2026-05-05', 'off', '劳动节'),
  ('2026-05-09', 'work', '劳动节'),
  ('2026-06-19', 'off', '端午节'), ('2026-06-20', 'off', '端午节'), ('2026-06-21', 'off', '端午节'),
  ('2026-09-20', 'work', '国庆节'),
  ('2026-09-25', 'off', '中秋节'), ('2026-09-26', 'off', '中秋节'), ('2026-09-27', 'off', '中秋节'),
  ('2026-10-01', 'off', '国庆节'), ('2026-10-02', 'off', '国庆节'), ('2026-10-03', 'off', '国庆节'),
  ('2026-10-04', 'off', '国庆节'), ('2026-10-05', 'off', '国庆节'), ('2026-10-06', 'off', '国庆节'),
  ('2026-10-07', 'off', '国庆节'),
  ('2026-10-10', 'work', '国庆节');

-- 2027: the State Council had not published its schedule when this was written. These are only
-- the statutory holidays (全国年节及纪念日放假办法, 2024 revision) on their 2027 dates, without
-- the bridging days and make-up working days the notice will add: replace them with the notice's
-- days in a later migration once it is out (usually in November).
INSERT INTO holidays (day, kind, name) VALUES
  ('2027-01-01', 'off', '元旦'),
  ('2027-02-05', 'off', '春节'), ('2027-02-06', 'off', '春节'), ('2027-02-07', 'off', '春节'),
  ('2027-02-08', 'off', '春节'),
  ('2027-04-05', 'off', '清明节'),
  ('2027-05-01', 'off', '劳动节'), ('2027-05-02', 'off', '劳动节'),
  ('2027-06-09', 'off', '端午节'),
  ('2027-09-15', 'off', '中秋节'),
  ('2027-10-01', 'off', '国庆节'), ('2027-10-02', 'off', '国庆节'), ('2027-10-03', 'off', '国庆节');

-- A report (举报) about a public page: the home page, a child's, a themed activity's or a
-- personal page's (item, as /report?item= names it; activity_id or page_id when it is one, so
-- staff can pause it). region_code: whose staff answer it (the child's county, the activity's or
-- page's region; NULL: the province). ticket: the reporter's code for /report/status. reach: the
-- reporter's optional contact, sealed (pii.c, field "report_reach", owner the ticket): it is a
-- person's data, and only the staff answering it read it. net_hash: the reporter's network as
-- the rate limit counts it (throttle_subject), never the address itself. due_on: 5 working days
-- after the day it was filed (core/workdays.h).
CREATE TABLE reports (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket      CHAR(12)     CHARACTER SET ascii NOT NULL,
  item        VARCHAR(60)  CHARACTER SET ascii NOT NULL,
  activity_id INT UNSIGNED NULL,
  page_id     INT UNSIGNED NULL,
  region_code CHAR(6)      NULL,
  kind        ENUM('fraud','misuse','privacy','content','other') NOT NULL,
  body        TEXT         NOT NULL,                       -- the description, up to 2,000 chars
  reach       VARBINARY(400) NULL,
  net_hash    BINARY(32)   NOT NULL,
  state       ENUM('open','answered') NOT NULL DEFAULT 'open',
  filed_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  due_on      DATE         NOT NULL,
  answer      TEXT         NULL,                           -- what the reporter reads
  answered_by INT UNSIGNED NULL,
  answered_at DATETIME     NULL,
  paused_by   INT UNSIGNED NULL,                           -- staff who paused its item from it
  paused_at   DATETIME     NULL,
  UNIQUE KEY uk_report_ticket (ticket),
  KEY k_report_state (state, due_on),
  KEY k_report_region (region_code, state, due_on),
  CONSTRAINT fk_report_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_report_page FOREIGN KEY (page_id) REFERENCES fund_pages (id),
  CONSTRAINT fk_report_region FOREIGN KEY (region_code) REFERENCES regions (code),
  CONSTRAINT fk_report_answerer FOREIGN KEY (answered_by) REFERENCES staff (id),
  CONSTRAINT fk_report_pauser FOREIGN KEY (paused_by) REFERENCES staff (id),
  CONSTRAINT chk_report_answer CHECK ((state = 'answered') = (answer IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A document /disclosure lists (a filed plan, an audit or work report): a PDF province staff
-- uploaded, kept as name (random, ".pdf") in Disclosure.Dir and served by nginx from
-- /files/disclosure/. activity_id NULL: the programme's.
CREATE TABLE disclosure_docs (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        ENUM('plan','audit','work','other') NOT NULL,
  title       VARCHAR(40)  NOT NULL,
  activity_id INT UNSIGNED NULL,
  name        CHAR(28)     CHARACTER SET ascii NOT NULL,   -- 24 Crockford characters + ".pdf"
  bytes       INT UNSIGNED NOT NULL,
  uploaded_by INT UNSIGNED NOT NULL,
  uploaded_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_doc_name (name),
  KEY k_doc_item (activity_id, uploaded_at),
  CONSTRAINT fk_doc_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_doc_staff FOREIGN KEY (uploaded_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO state_transitions (entity, from_state, to_state) VALUES
  ('report', 'open', 'answered');

DELIMITER //
CREATE TRIGGER reports_state BEFORE UPDATE ON reports FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'report' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a report may not make this change of state';
  END IF;
END//
DELIMITER ;
