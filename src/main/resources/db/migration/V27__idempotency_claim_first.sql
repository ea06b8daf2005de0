-- A submission with an Idempotency-Key now claims the key first, with an insert that a
-- concurrent submission of the same key waits behind (it replaced an advisory lock and a
-- look-up: one round trip instead of two), and completes the row with the request and the
-- answer before its commit. So a row without them exists only inside the claiming
-- transaction; no other transaction ever sees one.
ALTER TABLE idempotency_keys
    ALTER COLUMN request_id DROP NOT NULL,
    ALTER COLUMN response DROP NOT NULL,
    ADD CONSTRAINT idempotency_keys_complete CHECK ((request_id IS NULL) = (response IS NULL));
