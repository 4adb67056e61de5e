-- 021_volunteer_orgs.sql — every volunteer belongs to an organisation, and only volunteers do: now
-- that every writer of staff gives a volunteer its organisation (the web's form, txctl staff-add,
-- the demo), the database holds it to that. The free-text staff.org of 006, which 020 turned into
-- organisations, goes.

-- A volunteer opened by county staff is in the organisation's county (the app takes the region
-- from the organisation); a volunteer whose organisation is gone cannot be, as the key refuses it.
ALTER TABLE staff
  DROP CONSTRAINT chk_staff_org,
  ADD CONSTRAINT chk_staff_org CHECK ((role = 'volunteer') = (org_id IS NOT NULL)),
  DROP COLUMN org;

-- The organisations' list counts each one's volunteers (active ones) by this key.
ALTER TABLE staff
  ADD KEY k_staff_org (org_id, active);
