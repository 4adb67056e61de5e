-- 002_regions.sql — the province's regions (GB/T 2260, from sql/data/hubei-regions.csv) and one member unit per region.
-- LOAD DATA LOCAL reads the file through the client: sql/migrate.sh runs from the project root with --local-infile.

LOAD DATA LOCAL INFILE 'sql/data/hubei-regions.csv'
  INTO TABLE regions CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n'
  IGNORE 1 LINES
  (code, @parent, level, name, short_name)
  SET parent_code = NULLIF(@parent, ''),
      city_code = CASE level WHEN 'county' THEN NULLIF(@parent, '') WHEN 'province' THEN NULL ELSE code END;

-- 1 province + 13 cities + 99 counties + 4 city-counties; a short load means a damaged file, so stop here.
DELIMITER //
BEGIN NOT ATOMIC
  IF (SELECT COUNT(*) FROM regions) <> 117 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'regions: expected 117 rows from sql/data/hubei-regions.csv';
  END IF;
END//
DELIMITER ;

INSERT INTO member_units (region_code, name)
SELECT code, CASE level WHEN 'province' THEN '湖北省慈善总会' ELSE CONCAT(name, '慈善会') END
FROM regions;
