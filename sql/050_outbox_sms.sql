-- 050_outbox_sms.sql — SMS through a gateway (issue 15: mail and SMS). In China a gateway sends
-- only templates approved in advance under the sender's signature (签名), filled with variables:
-- never the free text a mail carries. So an SMS row names its template (sms_template: code, link
-- or notice; conf/tongxiang.hdf maps each to the gateway's template code) and its one variable as
-- a JSON object (sms_params), written by outbox_put_sms beside the mail's subject and body.
ALTER TABLE outbox
  ADD COLUMN sms_template VARCHAR(16)  NULL,
  ADD COLUMN sms_params   VARCHAR(400) NULL;

-- SMS queued before this had no template: each says there is news, under its subject.
UPDATE outbox SET sms_template = 'notice', sms_params = JSON_OBJECT('title', LEFT(subject, 20))
 WHERE channel = 'sms' AND sent_at IS NULL;
