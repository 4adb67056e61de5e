-- 029_payout_news.sql — the sponsor told of payouts to their child: the daily care digest
-- (core/care.c) reads payouts recorded paid since the donor's last digest by when they were
-- recorded, and counts what it told.

-- payouts recorded paid (paid_at) in the last days, as the digest reads them.
ALTER TABLE payouts ADD KEY k_payout_recorded (state, paid_at);

-- How many paid payouts a digest told of.
ALTER TABLE care_digests ADD COLUMN payouts INT UNSIGNED NOT NULL DEFAULT 0 AFTER replies;
