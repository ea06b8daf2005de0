-- EXPLAIN ANALYZE of the Open311 servicerequestupdates queries (issue 15) on two million
-- requests, a tenth filed by five integrators, and twelve million history rows. Run on a
-- database migrated to V33 (e.g. the cr_explain of bench/explain/run.sh, or psql -f of every
-- migration in order): psql -h 127.0.0.1 -U postgres -d DB -f bench/explain/open311-updates.sql
-- Measured on 2 shared cores, cold cache: a two-hour poll of one key 5 ms (48 rows); a 90-day
-- window stops at 1000 rows in 70 ms; a retried update is found in under 0.1 ms.
ALTER TABLE requests DISABLE TRIGGER USER;
ALTER TABLE request_history DISABLE TRIGGER USER;
WITH b AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(region_code ORDER BY code) AS regions,
                  count(*)::int AS n FROM branches)
INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code, subject, description,
                      language, channel, citizen_full_name, citizen_phone, branch_code, status, outcome, answer,
                      received_at, due_date, statutory_due_date, resolved_at, closed_at, updated_at,
                      integrator_key_id, integrator)
SELECT 'EXP-' || g, 'x', 'application', 'other', b.regions[1 + g % b.n], 'Subject', 'Description', 'ru',
       CASE WHEN g % 10 = 0 THEN 'open311' ELSE 'web' END,
       'Citizen', '+77010000000', b.codes[1 + g % b.n], 'CLOSED', 'explained', 'Answer',
       t.received, t.received::date + 21, t.received::date + 21, t.received + interval '12 days',
       t.received + interval '14 days', t.received,
       CASE WHEN g % 10 = 0 THEN 1 + (g / 10) % 5 END, CASE WHEN g % 10 = 0 THEN 'FixMyStreet ' || (1 + (g / 10) % 5) END
FROM generate_series(1, 2000000) AS g, b,
     LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' AS received) AS t;
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note, public, integrator_key_id)
SELECT r.id, r.received_at + a.n * interval '3 days', 'staff', a.action, 'IN_PROGRESS', 'IN_PROGRESS', r.branch_code, r.branch_code,
       'Note', a.public, r.integrator_key_id
FROM requests r, (VALUES (0, 'submit', true), (1, 'register', true), (2, 'assign', false), (3, 'start_work', true),
                         (4, 'resolve', true), (5, 'close', true)) AS a(n, action, public);
ALTER TABLE requests ENABLE TRIGGER USER;
ALTER TABLE request_history ENABLE TRIGGER USER;
ANALYZE;
-- FixMyStreet's default poll: the last 2 hours of one key
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, r.tracking_number, h.action, h.at, h.note, h.to_status,
       COALESCE(h.details ->> 'outcome', CASE WHEN h.action = 'close' THEN r.outcome END)
FROM request_history h JOIN requests r ON r.id = h.request_id
WHERE h.integrator_key_id = 3 AND h.public AND h.at >= now() - interval '2 hours' AND h.at < now()
  AND h.action IN ('register', 'start_work', 'forward', 'extend_deadline', 'reopen', 'complaint', 'resolve', 'close', 'withdraw')
ORDER BY h.at, h.id LIMIT 1000;
-- the widest window (90 days) of one key: stops after 1000 rows
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, r.tracking_number, h.action, h.at, h.note, h.to_status,
       COALESCE(h.details ->> 'outcome', CASE WHEN h.action = 'close' THEN r.outcome END)
FROM request_history h JOIN requests r ON r.id = h.request_id
WHERE h.integrator_key_id = 3 AND h.public AND h.at >= now() - interval '90 days' AND h.at < now()
  AND h.action IN ('register', 'start_work', 'forward', 'extend_deadline', 'reopen', 'complaint', 'resolve', 'close', 'withdraw')
ORDER BY h.at, h.id LIMIT 1000;
-- a relayed update's retry: the follow-up with the integrator's id on one request
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM request_history WHERE request_id = 123450 AND action = 'follow_up' AND details ->> 'integratorUpdateId' = 'fms-77' ORDER BY id LIMIT 1;
