-- 006_staff.sql — the back office: staff accounts bound to a role and a region, their sessions, volunteers'
-- assigned children, pairing decisions, and the append-only audit log (the app's database user may only SELECT and
-- INSERT it: see sql/grants.sh).

CREATE TABLE staff (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username         VARCHAR(64)  NOT NULL,
  pw_hash          VARCHAR(128) NOT NULL,                 -- crypto_pwhash_str (argon2id)
  display_name     VARCHAR(32)  NOT NULL,
  -- province: all of Hubei; city: the counties under its city; county: its own county;
  -- volunteer: the public data of the children assigned to it, within its county
  role             ENUM('province','city','county','volunteer') NOT NULL,
  region_code      CHAR(6)      NOT NULL,
  org              VARCHAR(64)  NULL,                     -- a volunteer's organisation
  active           TINYINT(1)   NOT NULL DEFAULT 1,
  created_at       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_login_at    DATETIME     NULL,
  last_login_addr  VARCHAR(45)  NULL,
  UNIQUE KEY uk_staff_username (username),
  CONSTRAINT fk_staff_region FOREIGN KEY (region_code) REFERENCES regions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_sessions (
  token_hash  BINARY(32)   NOT NULL PRIMARY KEY,
  staff_id    INT UNSIGNED NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  addr        VARCHAR(45)  NOT NULL DEFAULT '',
  KEY k_staff_session_staff (staff_id),
  KEY k_staff_session_seen (last_seen),
  CONSTRAINT fk_staff_session FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE volunteer_children (
  staff_id  INT UNSIGNED NOT NULL,
  child_id  INT UNSIGNED NOT NULL,
  PRIMARY KEY (staff_id, child_id),
  KEY k_volunteer_child (child_id),
  CONSTRAINT fk_volunteer_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
  CONSTRAINT fk_volunteer_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB;

ALTER TABLE sponsorships
  ADD COLUMN decided_at     DATETIME     NULL,
  ADD COLUMN decided_by     INT UNSIGNED NULL,
  ADD COLUMN reject_reason  VARCHAR(200) NULL,
  ADD KEY k_sponsorship_queue (state, created_at),
  ADD CONSTRAINT fk_sponsorship_decider FOREIGN KEY (decided_by) REFERENCES staff (id);

-- Who did what, when, from where, to which object. Rows are only ever added.
CREATE TABLE audit_log (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  staff_id     INT UNSIGNED NULL,                         -- NULL: the system or a command-line tool
  addr         VARCHAR(45)  NOT NULL,
  action       VARCHAR(32)  NOT NULL,                     -- login, pairing.approve, child.view_pii, ...
  object_type  VARCHAR(16)  NOT NULL,
  object_id    VARCHAR(64)  NOT NULL,                     -- a code, an id, a username (64 at most)
  summary      VARCHAR(500) NOT NULL,
  KEY k_audit_staff (staff_id, at),
  KEY k_audit_action (action, at),
  KEY k_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
