-- 007_child_records.sql — guardian consent records: who gave or withdrew consent to publish a child's profile, and
-- when. children.consent_publish is the current answer; this table is its history, written by the same transaction.

CREATE TABLE child_consents (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  child_id     INT UNSIGNED NOT NULL,
  publish      TINYINT(1)   NOT NULL,             -- the scope: publish the public profile, or not
  given_by     VARBINARY(255) NOT NULL,           -- the guardian who gave (or withdrew) it: sealed, like all personal data
  given_on     DATE         NOT NULL,
  recorded_by  INT UNSIGNED NOT NULL,
  recorded_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_consent_child (child_id, id),
  CONSTRAINT fk_consent_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_consent_staff FOREIGN KEY (recorded_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Leaving the programme, with a coded reason (other needs a note).
ALTER TABLE children
  ADD COLUMN exit_reason ENUM('aged_out','improved','moved','other') NULL,
  ADD COLUMN exit_note   VARCHAR(200) NULL,
  ADD COLUMN exited_at   DATETIME NULL,
  ADD CONSTRAINT chk_child_exit CHECK (status <> 'exited' OR (exit_reason IS NOT NULL AND exited_at IS NOT NULL));
