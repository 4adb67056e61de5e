-- 001_schema.sql — regions, member units, children (public fields plus encrypted personal data) and donations.
-- Money is integer fen (分). Personal fields are libsodium ciphertexts (see cgi/pii.h), never plain text.

CREATE TABLE regions (
  code        CHAR(6)      NOT NULL PRIMARY KEY,          -- GB/T 2260
  parent_code CHAR(6)      NULL,
  level       ENUM('province','city','county','city-county') NOT NULL,
  name        VARCHAR(32)  NOT NULL,
  short_name  VARCHAR(16)  NOT NULL,
  -- the city-level unit a county belongs to; a city-county (仙桃, 潜江, 天门, 神农架) is its own city
  city_code   CHAR(6)      NULL,                          -- set by 002_regions.sql when the seed data loads
  KEY (parent_code),
  CONSTRAINT fk_region_parent FOREIGN KEY (parent_code) REFERENCES regions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The charity federation of each region, and whether it has joined the linkage (项目合作协议).
CREATE TABLE member_units (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  region_code      CHAR(6)      NOT NULL,
  name             VARCHAR(64)  NOT NULL,
  agreement_signed TINYINT(1)   NOT NULL DEFAULT 0,
  agreement_date   DATE         NULL,
  UNIQUE KEY (region_code),
  CONSTRAINT fk_unit_region FOREIGN KEY (region_code) REFERENCES regions (code),
  CONSTRAINT chk_unit_agreement CHECK (agreement_signed = 0 OR agreement_date IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE children (
  id              INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- internal only; URLs use code
  code            CHAR(10)     NOT NULL,                             -- opaque public code, Crockford base32
  alias           VARCHAR(32)  NOT NULL,                             -- 化名
  gender          ENUM('m','f') NOT NULL,
  birth_date      DATE         NOT NULL,                             -- only the age is shown publicly
  county_code     CHAR(6)      NOT NULL,
  city_code       CHAR(6)      NOT NULL,                             -- kept equal to the county's city by triggers
  category        ENUM('deceased','missing','abandoned','disabled','ill','imprisoned','rehab','other') NOT NULL,
  story           VARCHAR(500) NOT NULL DEFAULT '',                  -- written by staff; public
  status          ENUM('waiting','held','pending','paired','exited') NOT NULL DEFAULT 'waiting',
  waiting_since   DATE         NOT NULL,
  annual_need_fen INT UNSIGNED NOT NULL DEFAULT 300000,
  consent_publish TINYINT(1)   NOT NULL DEFAULT 0,                   -- guardian consent to publish the profile
  consent_date    DATE         NULL,
  -- personal data: XChaCha20-Poly1305 ciphertexts bound to (field, code); never selected by public pages
  pii_real_name   VARBINARY(255) NOT NULL,
  pii_id_number   VARBINARY(255) NOT NULL,
  pii_guardian    VARBINARY(1024) NOT NULL,
  id_hash         BINARY(32)   NOT NULL,                             -- keyed BLAKE2b of the ID number, for de-duplication
  version         INT UNSIGNED NOT NULL DEFAULT 1,                   -- optimistic locking for staff edits
  created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,      -- DATETIME: TIMESTAMP ends in 2038
  updated_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  -- what the public listing shows: waiting, and published with consent
  listed          TINYINT(1) AS (status = 'waiting' AND consent_publish = 1) STORED,
  birth_md        SMALLINT   AS (MONTH(birth_date) * 100 + DAYOFMONTH(birth_date)) STORED,
  UNIQUE KEY uk_child_code (code),
  UNIQUE KEY uk_child_id_hash (id_hash),
  KEY k_listed_wait (listed, waiting_since, id),
  KEY k_listed_city (listed, city_code, waiting_since),
  KEY k_listed_county (listed, county_code, waiting_since),
  KEY k_listed_birth (listed, birth_date),
  KEY k_listed_md (listed, birth_md),
  KEY k_status_place (status, city_code, county_code),
  CONSTRAINT fk_child_county FOREIGN KEY (county_code) REFERENCES regions (code),
  CONSTRAINT fk_child_city FOREIGN KEY (city_code) REFERENCES regions (code),
  CONSTRAINT chk_child_consent CHECK (consent_publish = 0 OR consent_date IS NOT NULL),
  CONSTRAINT chk_child_need CHECK (annual_need_fen > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //
-- The city is derived from the county in the database itself, so no writer can get it wrong.
CREATE TRIGGER children_city_ins BEFORE INSERT ON children FOR EACH ROW
BEGIN
  SET NEW.city_code = (SELECT city_code FROM regions WHERE code = NEW.county_code AND level IN ('county','city-county'));
END//
CREATE TRIGGER children_city_upd BEFORE UPDATE ON children FOR EACH ROW
BEGIN
  SET NEW.city_code = (SELECT city_code FROM regions WHERE code = NEW.county_code AND level IN ('county','city-county'));
END//
DELIMITER ;

-- Every gift. The donor checkout (a later migration) adds donors, orders, channels and receipts around it.
CREATE TABLE donations (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  amount_fen  BIGINT UNSIGNED NOT NULL,
  status      ENUM('pending','paid','refunded') NOT NULL DEFAULT 'pending',
  purpose     ENUM('sponsorship','general') NOT NULL,
  paid_at     DATETIME NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY (status, paid_at),
  CONSTRAINT chk_donation_amount CHECK (amount_fen > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
