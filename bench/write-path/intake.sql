-- pgbench: the durable writes of one submission in one transaction, as the service makes them
-- (casework/Reception.java, intake/IntakeService.java): the request with its tracking number,
-- its receipt row in the history and the idempotency record with the stored receipt. Nothing
-- else: no key lock, no rate-limit counters, no routing or calendar look-ups (see
-- intake-statements.sql for those). The rollup trigger of the schema runs as it does for the
-- service. Region, category and phone vary per submission; -D today=YYYY-MM-DD.
\set route random(1, 240)
\set phone random(1000000, 9999999)
BEGIN;
INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code, district_code, subject,
    description, address, latitude, longitude, language, channel, publication_consent, citizen_full_name,
    citizen_iin, citizen_phone, citizen_email, citizen_account, branch_code, assignee, status, outcome, answer,
    received_at, due_date, statutory_due_date, forward_count, late_forward, resolved_at, closed_at, withdrawn_at,
    updated_at, reopen_count, version)
SELECT r.prefix || '-' || substr(:today, 1, 4) || '-' || lpad(s.n, greatest(6, length(s.n)), '0'),
       encode(sha256(convert_to(random()::text, 'UTF8')), 'hex'), 'application', r.category_code, r.region_code,
       NULL, 'pgbench submission ' || :phone,
       'The street light in front of house ' || :phone || ' has been out for a week; please repair it.',
       NULL, NULL, NULL, 'ru', 'web', false, 'Bench Citizen', NULL, '+7 701 ' || :phone, NULL, NULL,
       r.branch_code, NULL, 'SUBMITTED', NULL, NULL, now(), d.due_date, d.due_date, 0, false, NULL, NULL, NULL,
       now(), 0, 0
FROM bench.routes r, bench.due d, LATERAL (SELECT nextval('tracking_number_seq')::text AS n) s
WHERE r.idx = :route
RETURNING id, tracking_number, branch_code, due_date \gset
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
VALUES (:id, now(), 'citizen', 'submit', NULL, 'SUBMITTED', NULL, :branch_code, NULL, true,
        jsonb_build_object('dueDate', :due_date::text, 'channel', 'web'));
INSERT INTO idempotency_keys (idempotency_key, body_hash, request_id, response, created_at)
VALUES ('pgbench-' || :id, encode(sha256(convert_to(:phone::text, 'UTF8')), 'hex'), :id,
        jsonb_build_object('trackingNumber', :tracking_number::text, 'status', 'SUBMITTED',
                           'branch', jsonb_build_object('code', :branch_code::text, 'name', 'Regional branch'),
                           'dueDate', :due_date::text, 'receivedAt', now()),
        now());
END;
