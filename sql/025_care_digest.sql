-- 025_care_digest.sql — the sponsor's daily digest of care news (visits approved, the child's
-- replies approved), and the indexes the digest, the sponsor's timeline and the staff dashboards
-- read by.

-- One row per donor and day a digest was queued. The primary key is what makes a digest exactly
-- once across workers and hosts: every sweep claims the day by inserting its row, in the
-- transaction that queues the message, and a second sweep's insert finds the first's row (waiting
-- for its commit if need be) and queues nothing. told_through is the newest review the digest told
-- of; the next one tells of what was reviewed after it, so news of a day already told waits for
-- the next day's digest, batched.
CREATE TABLE care_digests (
  donor_id      INT UNSIGNED NOT NULL,
  day           DATE         NOT NULL,
  told_through  DATETIME     NOT NULL,
  visits        INT UNSIGNED NOT NULL,                  -- visits approved it told of
  replies       INT UNSIGNED NOT NULL,                  -- the child's replies approved
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (donor_id, day),
  KEY k_digest_told (donor_id, told_through),
  CONSTRAINT fk_digest_donor FOREIGN KEY (donor_id) REFERENCES donors (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The digest reads reviews of the last days; the staff views read approved visits by child.
ALTER TABLE visits ADD KEY k_visit_reviewed (state, reviewed_at);
ALTER TABLE letters ADD KEY k_letter_reviewed (direction, state, reviewed_at);
