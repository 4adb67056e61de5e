-- 045_donation_purpose.sql — the public finance page's directed gifts by city read the directed
-- donations alone (cgi/core/finance.c, finance_directed): through (status, paid_at) they read every
-- donation paid in the year, row by row, to keep the few directed ones (476 ms for 107,342
-- donations, each time a payment anywhere moved the page's stamp). The province's general gifts
-- in the back office's report are read the same way.
ALTER TABLE donations ADD KEY k_donation_purpose (purpose, status, paid_at);
