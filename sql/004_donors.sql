-- 004_donors.sql — donor accounts and sessions, one-to-one sponsorships with their holds and instalments, payment
-- orders, receipts on donations, and the outbox that carries mail and SMS.
-- The rules that must never be broken live here, in keys the database enforces: one live sponsorship per child,
-- one credit per provider transaction, one donation per order, one receipt number per year and sequence.

CREATE TABLE donors (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login         VARCHAR(254) NOT NULL,                  -- lower-cased e-mail address, or an 11-digit mobile number
  login_kind    ENUM('email','mobile') NOT NULL,
  pw_hash       VARCHAR(128) NOT NULL,                  -- libsodium crypto_pwhash_str (argon2id)
  display_name  VARCHAR(32)  NOT NULL,
  agreed_at     DATETIME     NOT NULL,                  -- consent to the terms and privacy notice
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_donor_login (login)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A session is known by the hash of its token; the token itself exists only in the donor's cookie.
CREATE TABLE sessions (
  token_hash  BINARY(32)   NOT NULL PRIMARY KEY,
  donor_id    INT UNSIGNED NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  addr        VARCHAR(45)  NOT NULL DEFAULT '',
  KEY k_session_donor (donor_id),
  KEY k_session_seen (last_seen),
  CONSTRAINT fk_session_donor FOREIGN KEY (donor_id) REFERENCES donors (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Failed logins per account and per client address, each under a keyed hash of what it counts.
CREATE TABLE login_throttle (
  subject       BINARY(32)   NOT NULL PRIMARY KEY,
  failures      INT UNSIGNED NOT NULL,
  last_failure  DATETIME     NOT NULL,
  KEY k_throttle_last (last_failure)
) ENGINE=InnoDB;

CREATE TABLE password_resets (
  token_hash  BINARY(32)   NOT NULL PRIMARY KEY,
  donor_id    INT UNSIGNED NOT NULL,
  expires_at  DATETIME     NOT NULL,
  used_at     DATETIME     NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_reset_donor (donor_id),
  KEY k_reset_expiry (expires_at),
  CONSTRAINT fk_reset_donor FOREIGN KEY (donor_id) REFERENCES donors (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Messages to send. The app only ever inserts; a sender (txctl outbox) delivers and marks them sent.
CREATE TABLE outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel     ENUM('email','sms') NOT NULL,
  recipient   VARCHAR(254) NOT NULL,
  subject     VARCHAR(200) NOT NULL,
  body        TEXT         NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at     DATETIME     NULL,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  last_error  VARCHAR(255) NULL,
  KEY k_outbox_unsent (sent_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-to-one sponsorship (一对一结对): a hold, then an order, then payment, approval, and in the end an end.
CREATE TABLE sponsorships (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  child_id      INT UNSIGNED NOT NULL,
  donor_id      INT UNSIGNED NOT NULL,
  state         ENUM('held','pending_payment','pending_approval','active','ended','expired','cancelled','rejected')
                NOT NULL DEFAULT 'held',
  plan          ENUM('annual','monthly') NULL,          -- chosen on the sponsor page
  hold_until    DATETIME     NOT NULL,                  -- a hold or unpaid order lapses here
  receipt_name  VARCHAR(32)  NULL,                      -- real name for the receipt, if the donor gave one
  anonymous     TINYINT(1)   NOT NULL DEFAULT 0,        -- hidden on public lists
  agreed_at     DATETIME     NULL,                      -- sponsorship terms
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  ended_at      DATETIME     NULL,
  end_reason    VARCHAR(200) NULL,
  -- The child of a sponsorship that still binds it; NULL once it has lapsed or ended. A unique key on it is the
  -- one-sponsor-per-child rule, enforced by the database whatever the C code does.
  live_child    INT UNSIGNED AS (IF(state IN ('held','pending_payment','pending_approval','active'), child_id, NULL)) STORED,
  UNIQUE KEY uk_sponsorship_live_child (live_child),
  KEY k_sponsorship_donor (donor_id, state),
  KEY k_sponsorship_lapse (state, hold_until),
  KEY k_sponsorship_child (child_id),
  CONSTRAINT fk_sponsorship_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT fk_sponsorship_donor FOREIGN KEY (donor_id) REFERENCES donors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The pledge schedule: one instalment for the annual plan, twelve for the monthly one.
CREATE TABLE instalments (
  sponsorship_id  INT UNSIGNED NOT NULL,
  seq             TINYINT UNSIGNED NOT NULL,
  amount_fen      INT UNSIGNED NOT NULL,
  due_date        DATE NOT NULL,
  donation_id     BIGINT UNSIGNED NULL,                 -- the payment that settled it
  PRIMARY KEY (sponsorship_id, seq),
  UNIQUE KEY uk_instalment_donation (donation_id),
  CONSTRAINT fk_instalment_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT chk_instalment CHECK (seq BETWEEN 1 AND 12 AND amount_fen > 0)
) ENGINE=InnoDB;

-- A payment order: what the browser is sent to pay. Its public number is unguessable; a guest's order is also
-- bound to the browser that made it (visitor_hash), a donor's to the donor.
CREATE TABLE pay_orders (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_no        CHAR(24)     NOT NULL,
  purpose         ENUM('sponsorship','general') NOT NULL,
  donor_id        INT UNSIGNED NULL,
  visitor_hash    BINARY(32)   NULL,
  sponsorship_id  INT UNSIGNED NULL,
  instalment_seq  TINYINT UNSIGNED NULL,
  amount_fen      BIGINT UNSIGNED NOT NULL,
  provider        VARCHAR(16)  NOT NULL,
  state           ENUM('created','paid','cancelled','expired') NOT NULL DEFAULT 'created',
  expires_at      DATETIME     NOT NULL,
  donor_name      VARCHAR(32)  NULL,
  anonymous       TINYINT(1)   NOT NULL DEFAULT 0,
  mobile          VARCHAR(11)  NULL,
  message         VARCHAR(200) NULL,
  created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  paid_at         DATETIME     NULL,
  -- At most one open order per instalment: a second click reuses the first order. Paid ones are not limited here:
  -- a late payment of a superseded order must still be recorded (as money to refund), never refused.
  live_instalment VARCHAR(16) AS (IF(state = 'created' AND sponsorship_id IS NOT NULL,
                                     CONCAT(sponsorship_id, ':', instalment_seq), NULL)) STORED,
  UNIQUE KEY uk_order_no (order_no),
  UNIQUE KEY uk_order_live_instalment (live_instalment),
  KEY k_order_lapse (state, expires_at),
  KEY k_order_donor (donor_id),
  CONSTRAINT fk_order_donor FOREIGN KEY (donor_id) REFERENCES donors (id),
  CONSTRAINT fk_order_sponsorship FOREIGN KEY (sponsorship_id) REFERENCES sponsorships (id),
  CONSTRAINT chk_order_amount CHECK (amount_fen > 0),
  CONSTRAINT chk_order_owner CHECK (donor_id IS NOT NULL OR visitor_hash IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A donation is written once, when its payment is confirmed, with its receipt number.
ALTER TABLE donations
  ADD COLUMN order_id        BIGINT UNSIGNED NULL AFTER id,
  ADD COLUMN provider        VARCHAR(16)  NULL,
  ADD COLUMN provider_txn    VARCHAR(64)  NULL,
  ADD COLUMN donor_id        INT UNSIGNED NULL,
  ADD COLUMN donor_name      VARCHAR(32)  NULL,       -- for the receipt; public lists show it masked
  ADD COLUMN anonymous       TINYINT(1)   NOT NULL DEFAULT 0,
  ADD COLUMN message         VARCHAR(200) NULL,
  ADD COLUMN sponsorship_id  INT UNSIGNED NULL,
  ADD COLUMN instalment_seq  TINYINT UNSIGNED NULL,
  ADD COLUMN receipt_year    SMALLINT UNSIGNED NULL,
  ADD COLUMN receipt_seq     INT UNSIGNED NULL,
  ADD COLUMN receipt_code    CHAR(16)     NULL,       -- unguessable; the receipt URL needs it
  -- money taken that settles nothing (an instalment paid twice, a child taken by someone else meanwhile):
  -- recorded, receipted, and owed back; staff refund it through the provider
  ADD COLUMN refund_due      TINYINT(1)   NOT NULL DEFAULT 0,
  ADD UNIQUE KEY uk_donation_order (order_id),
  ADD UNIQUE KEY uk_donation_txn (provider, provider_txn),
  ADD UNIQUE KEY uk_donation_receipt (receipt_year, receipt_seq),
  ADD KEY k_donation_donor (donor_id, paid_at),
  ADD KEY k_donation_paid (paid_at),
  ADD KEY k_donation_refund (refund_due),
  ADD CONSTRAINT fk_donation_order FOREIGN KEY (order_id) REFERENCES pay_orders (id),
  ADD CONSTRAINT fk_donation_donor FOREIGN KEY (donor_id) REFERENCES donors (id),
  ADD CONSTRAINT chk_donation_receipt CHECK (status <> 'paid' OR (receipt_seq IS NOT NULL AND paid_at IS NOT NULL));

-- The last receipt number issued each year; taken under the row lock, so numbers are gap-free per committed year.
CREATE TABLE receipt_counters (
  year      SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
  last_seq  INT UNSIGNED NOT NULL
) ENGINE=InnoDB;

-- The sandbox provider's own books: what it took, and the signed notice it sent (kept for redelivery).
CREATE TABLE sandbox_payments (
  txn         CHAR(24)     NOT NULL PRIMARY KEY,
  order_no    CHAR(24)     NOT NULL,
  amount_fen  BIGINT UNSIGNED NOT NULL,
  notice      TEXT         NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  refunded_at DATETIME     NULL,
  UNIQUE KEY uk_sandbox_order (order_no)
) ENGINE=InnoDB;
