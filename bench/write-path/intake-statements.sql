-- pgbench: one submission with every statement the service sends for it, in its order, one
-- round trip each (intake/SubmissionLimits.java, casework/Reception.java,
-- notifications/NotificationOutbox.java, intake/IntakeService.java): the Idempotency-Key looked up
-- and both daily counters (per address, per citizen) counted in one statement, the tracking
-- number, the request, its history row, the SMS the citizen is owed, the key's record. Routing
-- and the calendar come from the service's in-memory copies of reference data
-- (shared/ReferenceStamp.java), so they send nothing per submission. What is left between this
-- and the service is Java, HTTP and JDBC, and the relay's sending of the SMS row. Keys,
-- addresses and phones are random per submission.
\set route random(1, 240)
\set phone random(1000000, 9999999)
\set key random(1, 4000000000000000)
\set address random(1, 16000000)
BEGIN;
WITH earlier AS (
    SELECT body_hash, response::text AS response FROM idempotency_keys WHERE idempotency_key = 'pgbench-' || :key
), counted AS (
    INSERT INTO rate_limit_counters AS c (bucket, window_start, hits)
    SELECT b, date_trunc('day', now() AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty', 1
    FROM unnest(ARRAY['address:' || left(md5(:address::text), 40), 'citizen:' || left(md5('phone:7701' || :phone), 40)]) AS b
    WHERE NOT EXISTS (SELECT 1 FROM earlier)
    ORDER BY b
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1
    RETURNING bucket, hits)
SELECT bucket, hits, NULL, NULL FROM counted
UNION ALL SELECT NULL, NULL, body_hash, response FROM earlier;
SELECT nextval('tracking_number_seq') AS n \gset
INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code, district_code, subject,
    description, address, latitude, longitude, language, channel, publication_consent, citizen_full_name,
    citizen_iin, citizen_phone, citizen_email, citizen_account, branch_code, assignee, status, outcome, answer,
    received_at, due_date, statutory_due_date, forward_count, late_forward, resolved_at, closed_at, withdrawn_at,
    updated_at, reopen_count, version)
SELECT r.prefix || '-' || substr(:today, 1, 4) || '-' || lpad(:n::text, greatest(6, length(:n::text)), '0'),
       encode(sha256(convert_to(random()::text, 'UTF8')), 'hex'), 'application', r.category_code, r.region_code,
       NULL, 'pgbench submission ' || :phone,
       'The street light in front of house ' || :phone || ' has been out for a week; please repair it.',
       NULL, NULL, NULL, 'ru', 'web', false, 'Bench Citizen', NULL, '+7 701 ' || :phone, NULL, NULL,
       r.branch_code, NULL, 'SUBMITTED', NULL, NULL, now(), d.due_date, d.due_date, 0, false, NULL, NULL, NULL,
       now(), 0, 0
FROM bench.routes r, bench.due d
WHERE r.idx = :route
RETURNING id, tracking_number, branch_code, due_date \gset
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
VALUES (:id, now(), 'citizen', 'submit', NULL, 'SUBMITTED', NULL, :branch_code, NULL, true,
        jsonb_build_object('dueDate', :due_date::text, 'channel', 'web'))
RETURNING id AS history_id \gset
INSERT INTO notification_outbox (history_id, history_at, request_id, tracking_number, channel, recipient, language,
    action, subject, body, status, attempts, next_attempt_at, created_at)
VALUES (:history_id, now(), :id, :tracking_number::text, 'sms', '+7 701 ' || :phone, 'ru', 'submit',
        'Обращение № ' || :tracking_number::text || ' принято',
        'Обращение № ' || :tracking_number::text || ' принято. http://localhost:8080/follow?number=' || :tracking_number::text,
        'pending', 0, now(), now());
INSERT INTO idempotency_keys (idempotency_key, body_hash, request_id, response, created_at)
VALUES ('pgbench-' || :key, encode(sha256(convert_to(:phone::text, 'UTF8')), 'hex'), :id,
        jsonb_build_object('trackingNumber', :tracking_number::text, 'status', 'SUBMITTED',
                           'branch', jsonb_build_object('code', :branch_code::text, 'name', 'Regional branch'),
                           'dueDate', :due_date::text, 'receivedAt', now()),
        now());
END;
