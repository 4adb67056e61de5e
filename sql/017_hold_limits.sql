-- 017_hold_limits.sql — children cannot be hoarded off the list: a donor's login is verified
-- before their first hold, holds are counted per client network as well as per donor, and a donor
-- whose hold lapsed waits a day before holding that child again (cgi/checkout.c, cgi/verify.c).

-- When the donor proved the login (an e-mail address or a mobile number) theirs; NULL till then.
ALTER TABLE donors ADD COLUMN verified_at DATETIME NULL AFTER agreed_at;

-- A donor's one live verification code: asking again replaces it. Only hashes are kept: the six
-- digits under a keyed hash (a million codes are too few for a plain one), the mailed link's
-- 256-bit token under a plain one. link_hash is NULL for an SMS, which carries the code alone;
-- tries counts wrong codes, and at 5 the code is spent.
CREATE TABLE login_codes (
  donor_id    INT UNSIGNED     NOT NULL PRIMARY KEY,
  code_hash   BINARY(32)       NOT NULL,
  link_hash   BINARY(32)       NULL,
  tries       TINYINT UNSIGNED NOT NULL DEFAULT 0,
  expires_at  DATETIME         NOT NULL,
  created_at  DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_code_link (link_hash),
  KEY k_code_expiry (expires_at),
  CONSTRAINT fk_code_donor FOREIGN KEY (donor_id) REFERENCES donors (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The client network a hold came from (an IPv4 address, an IPv6 /64), under a keyed hash like
-- the throttle's subjects: enough to count a network's live holds, no address in clear.
ALTER TABLE sponsorships
  ADD COLUMN hold_net BINARY(32) NULL AFTER hold_until,
  ADD KEY k_sponsorship_net (hold_net, state, hold_until);

-- One row per network that holds children: its row lock lines up the holds from one network, as
-- the donor's row does one donor's, so two at once cannot both pass the limit. The sweep removes
-- rows a day idle.
CREATE TABLE hold_networks (
  net        BINARY(32) NOT NULL PRIMARY KEY,
  last_hold  DATETIME   NOT NULL,
  KEY k_holdnet_last (last_hold)
) ENGINE=InnoDB;
