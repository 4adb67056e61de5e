-- 037_offline_gifts.sql — offline gifts entered by staff (bank transfer, cash, cheque; sql/032's
-- channels): the bank's reference (流水号) or the cheque's or cash receipt book's number, unique
-- per channel, so a gift entered twice or a batch imported twice is refused by the database; and
-- the single-gift form's one-time key, so a retried POST writes one gift.
ALTER TABLE donations
  ADD COLUMN bank_ref  VARCHAR(64) CHARACTER SET ascii NULL AFTER channel,
  ADD COLUMN form_key  BINARY(16) NULL,
  ADD UNIQUE KEY uk_donation_bank_ref (channel, bank_ref),
  ADD UNIQUE KEY uk_donation_form (form_key);
