-- 011_refund_numbers.sql — a refund carries our number for it (like WeChat Pay's out_refund_no or Alipay's
-- out_request_no): asked twice with one number, a provider refunds once. The sandbox keeps the number it refunded
-- under, so that a retried reject, or a request whose answer was lost, gets "done" instead of a second refund.
ALTER TABLE sandbox_payments
  ADD COLUMN refund_no VARCHAR(64) NULL AFTER refunded_at,
  ADD UNIQUE KEY uk_sandbox_refund (refund_no);
