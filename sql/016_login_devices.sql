-- 016_login_devices.sql — browsers that have signed in to an account (cgi/device.h).
-- A sign-in attempt from one of them is throttled by the device alone, so failures from anywhere
-- else cannot lock its owner out. A row lives while its cookie does (a year from its latest
-- sign-in), and goes when the account's password is set anew or a staff account is closed. The id
-- is also in the browser's cookie, which is signed with a server key: this table alone makes none.
CREATE TABLE donor_devices (
  id          BINARY(16)   NOT NULL PRIMARY KEY,
  donor_id    INT UNSIGNED NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- its first sign-in
  last_used   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- its latest sign-in
  KEY k_donor_device_donor (donor_id),
  KEY k_donor_device_used (last_used),
  CONSTRAINT fk_donor_device FOREIGN KEY (donor_id) REFERENCES donors (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE staff_devices (
  id          BINARY(16)   NOT NULL PRIMARY KEY,
  staff_id    INT UNSIGNED NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_used   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_staff_device_staff (staff_id),
  KEY k_staff_device_used (last_used),
  CONSTRAINT fk_staff_device FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE
) ENGINE=InnoDB;
