-- 049_outbox_delivery.sql — delivering the outbox through a real relay (issue 15: mail over SMTP):
-- each message claimed by one sender at a time, tried again with backoff, given up after a day.
--
-- claimed_by / claimed_until: a sender (txctl outbox on any host, any number at once) claims a
-- batch by one UPDATE of rows nobody holds, then sends only the rows it holds; a claim lapses
-- after its minutes, so the messages of a sender that died are taken up again. A message is
-- therefore never sent by two senders at once; its Message-ID (outbox-<id>@<domain>) lets a relay
-- drop the copy of a send whose answer was lost.
-- next_try_at: after a failure, the next attempt waits 1, 2, 4 ... minutes, at most 4 hours.
-- first_failed_at: its first failure; a day of failing counts from it, not from when it was
-- queued (mail may wait queued while no relay is set; a greylisting relay always says 4xx once).
-- dead_at: a message that has failed for a day is given up: it stays, with its last error, for
-- province staff to see on the dashboard (cgi/admin/ui-home.c), and is never tried again.
ALTER TABLE outbox
  ADD COLUMN next_try_at   DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN claimed_by    VARCHAR(64) NULL,
  ADD COLUMN claimed_until DATETIME    NULL,
  ADD COLUMN first_failed_at DATETIME  NULL,
  ADD COLUMN dead_at       DATETIME    NULL,
  ADD KEY k_outbox_due (sent_at, dead_at, next_try_at, id),
  ADD KEY k_outbox_dead (dead_at);

-- Messages that the old sender gave up on (ten attempts) are given up here too.
UPDATE outbox SET dead_at = NOW() WHERE sent_at IS NULL AND attempts >= 10;
