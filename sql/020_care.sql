-- 020_care.sql — care after pairing: volunteer organisations and their volunteers, visits to paired
-- children, letters between sponsor and child through staff, and the photos that go with either.
-- Visits and letters are entities with states (cgi/core/state.c): their moves join
-- state_transitions and their triggers refuse any other change, as sql/019's do.

-- A county's volunteer organisations (志愿者组织). The contact person and phone are personal data,
-- sealed by the app (pii.c) like a child's fields.
CREATE TABLE volunteer_orgs (
  id             INT UNSIGNED   NOT NULL AUTO_INCREMENT PRIMARY KEY,
  county_code    CHAR(6)        NOT NULL,
  name           VARCHAR(64)    NOT NULL,
  contact_name   VARBINARY(255) NULL,                   -- sealed
  contact_phone  VARBINARY(255) NULL,                   -- sealed
  agreed_on      DATE           NULL,                   -- the cooperation agreement
  active         TINYINT(1)     NOT NULL DEFAULT 1,
  created_at     DATETIME       NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME       NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_org_name (county_code, name),
  KEY k_org_active (active, county_code),
  CONSTRAINT fk_org_county FOREIGN KEY (county_code) REFERENCES regions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A volunteer belongs to one organisation (and so one county). The free-text staff.org of 006
-- becomes an organisation of the volunteer's county.
ALTER TABLE staff
  ADD COLUMN org_id INT UNSIGNED NULL AFTER org,
  ADD CONSTRAINT fk_staff_org FOREIGN KEY (org_id) REFERENCES volunteer_orgs (id);
INSERT INTO volunteer_orgs (county_code, name)
  SELECT DISTINCT region_code, COALESCE(NULLIF(org, ''), '未命名志愿者组织') FROM staff
  WHERE role = 'volunteer';
UPDATE staff s JOIN volunteer_orgs o
  ON o.county_code = s.region_code AND o.name = COALESCE(NULLIF(s.org, ''), '未命名志愿者组织')
  SET s.org_id = o.id WHERE s.role = 'volunteer';
ALTER TABLE staff
  ADD CONSTRAINT chk_staff_org CHECK (role = 'volunteer' OR org_id IS NULL);

-- Photo consent is its own, apart from consent to publication (domain.md, "Photos"). The
-- history records which consent each row is about. The child's school joins the record's
-- personal data (sealed): a visit summary or a letter must never name it.
ALTER TABLE children
  ADD COLUMN consent_photo TINYINT(1) NOT NULL DEFAULT 0 AFTER consent_publish,
  ADD COLUMN pii_school VARBINARY(1024) NULL AFTER pii_address;
ALTER TABLE child_consents
  ADD COLUMN scope ENUM('publish','photo') NOT NULL DEFAULT 'publish' AFTER child_id;

-- A visit to a paired child, logged by a volunteer (or county staff) under the child's pairing:
-- only that pairing's sponsor ever sees it, once approved. The staff note and the summary are
-- sealed until read (the summary may hold what the privacy check must catch before review).
CREATE TABLE visits (
  id              INT UNSIGNED    NOT NULL AUTO_INCREMENT PRIMARY KEY,
  child_id        INT UNSIGNED    NOT NULL,
  sponsorship_id  INT UNSIGNED    NOT NULL,
  author_id       INT UNSIGNED    NOT NULL,              -- the staff member who logged it
  state           ENUM('draft','submitted','returned','approved') NOT NULL DEFAULT 'draft',
  visited_on      DATE            NOT NULL,
  kind            ENUM('home','phone','school','activity') NOT NULL,
  care            SET('life','family','education','special') NOT NULL,
  given_fen       INT UNSIGNED    NULL,                  -- goods or money handed over, in fen
  given_what      VARCHAR(100)    NULL,                  -- what it was (学习用品, 米油, 现金 …)
  staff_note      VARBINARY(2048) NULL,                  -- sealed; for staff only
  summary         VARBINARY(2560) NOT NULL,              -- sealed; what the sponsor reads
  review_note     VARCHAR(500)    NULL,                  -- why it was returned
  form_key        BINARY(16)      NOT NULL,              -- the form's one-time key
  created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  submitted_at    DATETIME        NULL,
  reviewed_by     INT UNSIGNED    NULL,
  reviewed_at     DATETIME        NULL,
  UNIQUE KEY uk_visit_form (form_key),
  KEY k_visit_child (child_id, state, visited_on),
  KEY k_visit_sponsorship (sponsorship_id, state, visited_on),
  KEY k_visit_queue (state, submitted_at),
  KEY k_visit_author (author_id, state),
  CONSTRAINT fk_visit_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_visit_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT fk_visit_author FOREIGN KEY (author_id) REFERENCES staff (id),
  CONSTRAINT fk_visit_reviewer FOREIGN KEY (reviewed_by) REFERENCES staff (id),
  CONSTRAINT chk_visit_care CHECK (care <> ''),
  CONSTRAINT chk_visit_reviewed CHECK (state <> 'approved' OR reviewed_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A letter from a sponsor to their child (to_child), or the child's reply (from_child, reply_to
-- the letter it answers), always through staff: reviewed (approved, edited or declined), then
-- for a sponsor's letter delivered by a volunteer. The body is sealed; original holds what was
-- written when a reviewer edited it.
CREATE TABLE letters (
  id              INT UNSIGNED    NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sponsorship_id  INT UNSIGNED    NOT NULL,
  child_id        INT UNSIGNED    NOT NULL,
  direction       ENUM('to_child','from_child') NOT NULL,
  reply_to        INT UNSIGNED    NULL,
  state           ENUM('pending','approved','declined','delivered') NOT NULL DEFAULT 'pending',
  body            VARBINARY(4096) NOT NULL,              -- sealed
  original        VARBINARY(4096) NULL,                  -- sealed; as written, if edited
  recorded_by     INT UNSIGNED    NULL,                  -- a reply: the volunteer who wrote it down
  review_note     VARCHAR(200)    NULL,                  -- why it was declined
  reviewed_by     INT UNSIGNED    NULL,
  reviewed_at     DATETIME        NULL,
  delivered_by    INT UNSIGNED    NULL,
  delivered_at    DATETIME        NULL,
  delivered_visit INT UNSIGNED    NULL,                  -- the visit it was handed over on
  form_key        BINARY(16)      NOT NULL,
  created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_letter_form (form_key),
  KEY k_letter_sponsorship (sponsorship_id, created_at),
  KEY k_letter_queue (state, created_at),
  KEY k_letter_child (child_id, state),
  CONSTRAINT fk_letter_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT fk_letter_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_letter_reply FOREIGN KEY (reply_to) REFERENCES letters (id),
  CONSTRAINT fk_letter_recorder FOREIGN KEY (recorded_by) REFERENCES staff (id),
  CONSTRAINT fk_letter_reviewer FOREIGN KEY (reviewed_by) REFERENCES staff (id),
  CONSTRAINT fk_letter_deliverer FOREIGN KEY (delivered_by) REFERENCES staff (id),
  CONSTRAINT fk_letter_visit FOREIGN KEY (delivered_visit) REFERENCES visits (id),
  CONSTRAINT chk_letter_reply CHECK ((direction = 'from_child') = (reply_to IS NOT NULL)),
  CONSTRAINT chk_letter_delivered CHECK (state <> 'delivered'
    OR (direction = 'to_child' AND delivered_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A photo of a visit or of a child's drawing sent with a reply: the file, re-encoded without its
-- metadata, lies in Care.PhotoDir under its random name. At most four to a visit or a letter
-- (slot 1..4, unique). Shown only once a reviewer confirmed it (no recognisable face, no child
-- holding money).
CREATE TABLE photos (
  id            INT UNSIGNED  NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          CHAR(32)      CHARACTER SET ascii NOT NULL,  -- random hex: file name, URL
  child_id      INT UNSIGNED  NOT NULL,
  visit_id      INT UNSIGNED  NULL,
  letter_id     INT UNSIGNED  NULL,
  slot          TINYINT UNSIGNED NOT NULL,
  mime          ENUM('image/jpeg','image/png') NOT NULL,
  width         SMALLINT UNSIGNED NOT NULL,
  height        SMALLINT UNSIGNED NOT NULL,
  bytes         INT UNSIGNED  NOT NULL,
  uploaded_by   INT UNSIGNED  NOT NULL,
  created_at    DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
  confirmed     TINYINT(1)    NOT NULL DEFAULT 0,
  confirmed_by  INT UNSIGNED  NULL,
  UNIQUE KEY uk_photo_name (name),
  UNIQUE KEY uk_photo_visit_slot (visit_id, slot),
  UNIQUE KEY uk_photo_letter_slot (letter_id, slot),
  KEY k_photo_child (child_id),
  CONSTRAINT fk_photo_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_photo_visit FOREIGN KEY (visit_id) REFERENCES visits (id),
  CONSTRAINT fk_photo_letter FOREIGN KEY (letter_id) REFERENCES letters (id),
  CONSTRAINT fk_photo_uploader FOREIGN KEY (uploaded_by) REFERENCES staff (id),
  CONSTRAINT fk_photo_confirmer FOREIGN KEY (confirmed_by) REFERENCES staff (id),
  CONSTRAINT chk_photo_owner CHECK ((visit_id IS NULL) <> (letter_id IS NULL)),
  CONSTRAINT chk_photo_slot CHECK (slot BETWEEN 1 AND 4)
) ENGINE=InnoDB;

INSERT INTO state_transitions (entity, from_state, to_state) VALUES
  ('visit', 'draft', 'submitted'),
  ('visit', 'returned', 'submitted'),
  ('visit', 'submitted', 'approved'),
  ('visit', 'submitted', 'returned'),
  ('letter', 'pending', 'approved'),
  ('letter', 'pending', 'declined'),
  ('letter', 'approved', 'delivered');

DELIMITER //
CREATE TRIGGER visits_state BEFORE UPDATE ON visits FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'visit' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a visit may not make this change of state';
  END IF;
END//
CREATE TRIGGER letters_state BEFORE UPDATE ON letters FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND @state_repair IS NULL AND NOT EXISTS (
      SELECT 1 FROM state_transitions
      WHERE entity = 'letter' AND from_state = OLD.state AND to_state = NEW.state) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a letter may not make this change of state';
  END IF;
END//
DELIMITER ;

-- The home page counts organisations, volunteers and approved visits: a change to any moves the
-- content generation (sql/003), so the cached page is rendered afresh. A draft edited, or a
-- volunteer signing in, changes no count and leaves the cache alone.
CREATE TRIGGER orgs_gen_ins AFTER INSERT ON volunteer_orgs FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER orgs_gen_upd AFTER UPDATE ON volunteer_orgs FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
CREATE TRIGGER staff_gen_ins AFTER INSERT ON staff FOR EACH ROW
  UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
DELIMITER //
CREATE TRIGGER staff_gen_upd AFTER UPDATE ON staff FOR EACH ROW
BEGIN
  IF NEW.active <> OLD.active OR NEW.role <> OLD.role OR NOT (NEW.org_id <=> OLD.org_id) THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER visits_gen_ins AFTER INSERT ON visits FOR EACH ROW
BEGIN
  IF NEW.state = 'approved' THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
CREATE TRIGGER visits_gen_upd AFTER UPDATE ON visits FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state AND (NEW.state = 'approved' OR OLD.state = 'approved') THEN
    UPDATE content_generation SET gen = gen + 1 WHERE id = CONNECTION_ID() % 16 + 1;
  END IF;
END//
DELIMITER ;
