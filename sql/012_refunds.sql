-- 012_refunds.sql — a refund is made in three steps around the provider: recorded as requested (committed before any
-- money moves), sent to the provider under its number, then done in the transaction that records what it was for (a
-- rejected pairing, money owed back). One requested and not done — the provider answered, the database did not
-- hear — keeps its pairing from being approved, and is finished by doing the same thing again: the provider, asked
-- again under the same number, refunds once.
CREATE TABLE refunds (
  refund_no    VARCHAR(64)     NOT NULL PRIMARY KEY,
  donation_id  BIGINT UNSIGNED NOT NULL,
  amount_fen   BIGINT UNSIGNED NOT NULL,
  provider     VARCHAR(16)     NOT NULL,
  state        ENUM('requested','done') NOT NULL DEFAULT 'requested',
  requested_by INT UNSIGNED    NULL,                     -- the staff member; NULL: the system
  requested_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  done_at      DATETIME        NULL,
  UNIQUE KEY uk_refund_donation (donation_id),
  KEY k_refund_state (state),
  CONSTRAINT fk_refund_donation FOREIGN KEY (donation_id) REFERENCES donations (id),
  CONSTRAINT chk_refund_amount CHECK (amount_fen > 0),
  CONSTRAINT chk_refund_done CHECK (state = 'requested' OR done_at IS NOT NULL)
) ENGINE=InnoDB;
