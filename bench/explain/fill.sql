-- Two million synthetic requests over two years for EXPLAIN (bench/explain/run.sh). Open
-- requests are the recent ones (about 2 %), most overdue open ones are already escalated,
-- about 30 % of decisions have the citizen's answer and 1 % became complaints.
ALTER TABLE requests DISABLE TRIGGER USER;
WITH b AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(region_code ORDER BY code) AS regions,
                  count(*)::int AS n FROM branches)
INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code, subject, description,
                      language, channel, citizen_full_name, citizen_phone, branch_code, status, outcome, answer,
                      received_at, due_date, statutory_due_date, resolved_at, closed_at, updated_at, escalated_at,
                      feedback_at, feedback_satisfied, complaint)
SELECT 'EXP-' || g, 'x', 'application', 'other', b.regions[1 + g % b.n], 'Subject', 'Description', 'ru', 'web',
       'Citizen', '+77010000000', b.codes[1 + g % b.n], s.status,
       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN 'explained' END,
       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN 'Answer' END,
       t.received, t.received::date + 21, t.received::date + 21,
       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN t.received + interval '12 days' END,
       CASE WHEN s.status = 'CLOSED' THEN t.received + interval '14 days' END,
       t.received,
       CASE WHEN s.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') AND t.received::date + 21 < current_date
                 AND g % 4 <> 0 THEN t.received + interval '22 days'
            WHEN g % 20 = 0 THEN t.received + interval '22 days' END,
       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') AND g % 10 < 3 THEN t.received + interval '13 days' END,
       CASE WHEN s.status IN ('RESOLVED', 'CLOSED') AND g % 10 < 3 THEN g % 10 < 2 END,
       g % 100 = 7
FROM generate_series(1, 2000000) AS g, b,
     LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' AS received) AS t,
     LATERAL (SELECT CASE WHEN g % 730 < 25 AND g % 5 < 3 THEN (ARRAY['SUBMITTED', 'REGISTERED', 'IN_PROGRESS'])[1 + g % 3]
                          WHEN g % 730 < 45 AND g % 2 = 0 THEN 'RESOLVED'
                          ELSE 'CLOSED' END AS status) AS s;
ALTER TABLE requests ENABLE TRIGGER USER;
INSERT INTO staff_notices (request_id, tracking_number, branch_code, kind, due_date, created_at)
SELECT id, tracking_number, branch_code, 'escalated', due_date, escalated_at FROM requests WHERE escalated_at IS NOT NULL;
ANALYZE;
