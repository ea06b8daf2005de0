-- pgbench: one submission with every statement the service sends for it, in its order, one
-- round trip each (intake/IntakeService.java, intake/SubmissionLimits.java, routing/Router.java,
-- calendar/Deadlines.java, casework/Reception.java): the Idempotency-Key lock and look-up, the
-- two daily counters (per address, per citizen), the routing rule, the calendar exceptions,
-- the tracking number, then the writes of intake.sql. What is left between this and the
-- service is Java, HTTP and JDBC. Keys, addresses and phones are random per submission.
\set route random(1, 240)
\set phone random(1000000, 9999999)
\set key random(1, 4000000000000000)
\set address random(1, 16000000)
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('pgbench-' || :key, 311));
SELECT idempotency_key, body_hash, request_id, response, created_at FROM idempotency_keys
WHERE idempotency_key = 'pgbench-' || :key;
INSERT INTO rate_limit_counters AS c (bucket, window_start, hits)
VALUES ('address:' || left(md5(:address::text), 40), date_trunc('day', now() AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty', 1)
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1 RETURNING hits;
INSERT INTO rate_limit_counters AS c (bucket, window_start, hits)
VALUES ('citizen:' || left(md5('phone:7701' || :phone), 40), date_trunc('day', now() AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty', 1)
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1 RETURNING hits;
SELECT region_code, category_code FROM bench.routes WHERE idx = :route \gset
SELECT r.branch_code FROM routing_rules r JOIN branches b ON b.code = r.branch_code AND b.active
WHERE r.region_code = :region_code AND (r.district_code IS NULL OR r.district_code = '')
  AND (r.category_code IS NULL OR r.category_code = :category_code)
ORDER BY (r.district_code IS NOT NULL) DESC, (r.category_code IS NOT NULL) DESC LIMIT 1;
SELECT code FROM branches WHERE region_code = :region_code AND kind = 'regional' AND active;
SELECT day, working, note FROM calendar_days WHERE day > CAST(:today AS date) AND day <= CAST(:today AS date) + 76;
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
        jsonb_build_object('dueDate', :due_date::text, 'channel', 'web'));
INSERT INTO idempotency_keys (idempotency_key, body_hash, request_id, response, created_at)
VALUES ('pgbench-' || :key, encode(sha256(convert_to(:phone::text, 'UTF8')), 'hex'), :id,
        jsonb_build_object('trackingNumber', :tracking_number::text, 'status', 'SUBMITTED',
                           'branch', jsonb_build_object('code', :branch_code::text, 'name', 'Regional branch'),
                           'dueDate', :due_date::text, 'receivedAt', now()),
        now());
END;
