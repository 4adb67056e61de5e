-- 008_ledger_import.sql — the civil-affairs ledger (困境儿童台账) brings a child's home address, which the programme
-- keeps like the other personal fields: sealed, and shown only to staff in scope.

ALTER TABLE children
  ADD COLUMN pii_address VARBINARY(1024) NULL AFTER pii_guardian;
