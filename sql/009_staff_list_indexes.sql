-- 009_staff_list_indexes.sql — the back office lists a county's (or a city's) children longest-waiting first: with
-- these the page reads its 50 rows in order and the count stays in the index. They replace the plain indexes the
-- foreign keys on county_code and city_code had, which they also serve, so the table keeps as many indexes.

ALTER TABLE children
  ADD KEY k_county_wait (county_code, waiting_since, id),
  ADD KEY k_city_wait (city_code, waiting_since, id),
  DROP KEY fk_child_county,
  DROP KEY fk_child_city;
