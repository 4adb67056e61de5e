-- tests/bench/trail-donor.sql — `make bench`: a donor with 10 sponsorships over 5 years for the fund
-- trail on /me: an annual payment each year (50), a payout each half year (100, every other one
-- with a file), as the demo donor's password. Run once on a fresh bench instance.
USE tongxiang;
INSERT IGNORE INTO donors (login, login_kind, pw_hash, display_name, agreed_at)
  SELECT 'trail-bench@example.com', 'email', pw_hash, '压测·资金到人', NOW() FROM donors
  WHERE login = 'demo@example.com';
SET @d = (SELECT id FROM donors WHERE login = 'trail-bench@example.com');
CREATE TEMPORARY TABLE bench_kids AS
  SELECT id FROM children WHERE status = 'waiting' AND listed = 1 ORDER BY id LIMIT 10;
-- The pairings set down directly (@state_repair): no sponsor went through checkout here.
SET @state_repair = 1;
UPDATE children SET status = 'paired' WHERE id IN (SELECT id FROM bench_kids);
SET @state_repair = NULL;
INSERT INTO sponsorships (child_id, donor_id, state, plan, hold_until, created_at, decided_at)
  SELECT id, @d, 'active', 'annual', NOW(), '2021-01-10', '2021-01-10' FROM bench_kids;
INSERT INTO donations (amount_fen, status, purpose, paid_at, provider, provider_txn, donor_id,
                       sponsorship_id, instalment_seq, receipt_year, receipt_seq, receipt_code)
  SELECT 300000, 'paid', 'sponsorship', MAKEDATE(2020 + y.seq, 10), 'sandbox',
         CONCAT('TB', s.id, '-', y.seq), @d, s.id, y.seq, 2020 + y.seq,
         900000 + s.id * 10 + y.seq, 'BENCHBENCHBENCH0'
  FROM sponsorships s JOIN seq_1_to_5 y WHERE s.donor_id = @d;
INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period, amount_fen,
                     method, state, paid_on, created_by, paid_at)
  SELECT CONCAT('PB', LPAD(s.id * 100 + y.seq * 10 + h.seq, 10, '0')), s.child_id, s.id,
         c.county_code, CONCAT(LEFT(c.county_code, 4), '00'), CONCAT(2020 + y.seq, 'H', h.seq),
         150000, 'bank', 'paid', MAKEDATE(2020 + y.seq, 150 + (h.seq - 1) * 180),
         (SELECT MIN(id) FROM staff), MAKEDATE(2020 + y.seq, 150 + (h.seq - 1) * 180)
  FROM sponsorships s JOIN children c ON c.id = s.child_id JOIN seq_1_to_5 y JOIN seq_1_to_2 h
  WHERE s.donor_id = @d;
INSERT INTO payout_files (name, payout_id, slot, mime, bytes, uploaded_by)
  SELECT MD5(CONCAT('bench', p.id)), p.id, 1, 'application/pdf', 1000, p.created_by
  FROM payouts p JOIN sponsorships s ON s.id = p.sponsorship_id
  WHERE s.donor_id = @d AND p.period LIKE '%H1';
SELECT CONCAT(COUNT(DISTINCT s.id), ' sponsorships, ',
              (SELECT COUNT(*) FROM donations WHERE donor_id = @d), ' payments, ',
              COUNT(p.id), ' payouts')
  FROM sponsorships s LEFT JOIN payouts p ON p.sponsorship_id = s.id WHERE s.donor_id = @d;
