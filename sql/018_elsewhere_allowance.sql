-- 018_elsewhere_allowance.sql — how many times a day each staff member has been told about ID numbers outside
-- their reach (cgi/elsewhere.h). Telling county staff "this child is registered in another county" is needed when
-- a family is in front of them, but row by row over a 20 MB file it would let them test which of 200,000 candidate
-- numbers exist anywhere in the province. The row of the day is locked while answers are taken from it, so two
-- uploads at once cannot both spend the last of it.
CREATE TABLE elsewhere_allowance (
  staff_id  INT UNSIGNED NOT NULL,
  day       DATE         NOT NULL,
  used      INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (staff_id, day),
  CONSTRAINT fk_elsewhere_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
