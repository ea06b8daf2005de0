-- EXPLAIN of the queries added for deadlines that act, the citizen's answer back and the
-- notification outbox, on a database filled by bench/explain/fill.sql (2 million requests,
-- about 2 % open, escalations, answers and complaints in realistic shares).
-- Run: bench/explain/run.sh (it fills a scratch database first).
\timing on
\echo '== warnings: open requests due within the warning term, not yet warned'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id FROM requests r WHERE r.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
  AND r.due_date BETWEEN current_date AND current_date + 5
  AND NOT EXISTS (SELECT 1 FROM staff_notices n WHERE n.request_id = r.id AND n.kind = 'due_soon'
                  AND n.due_date = r.due_date AND n.branch_code = r.branch_code);
\echo '== escalation claim'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM requests WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') AND due_date < current_date
  AND escalated_at IS NULL ORDER BY due_date, id LIMIT 200 FOR UPDATE SKIP LOCKED;
\echo '== closing resolved requests nobody answered'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM requests WHERE status = 'RESOLVED' AND resolved_at < now() - interval '30 days'
  ORDER BY resolved_at, id LIMIT 200 FOR UPDATE SKIP LOCKED;
\echo '== the escalated queue of a district branch, and of a region for its regional branch'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM requests WHERE branch_code = 'ALA-D01' AND status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
  AND escalated_at IS NOT NULL ORDER BY received_at DESC, id DESC LIMIT 21;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM requests WHERE region_code = 'KZ-75' AND status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
  AND escalated_at IS NOT NULL ORDER BY due_date, id LIMIT 21;
\echo '== a branch head's notices'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, kind, tracking_number FROM staff_notices WHERE branch_code = 'ALA-D01'
  ORDER BY created_at DESC, id DESC LIMIT 20;
\echo '== a holiday declared three weeks ahead: the open requests whose term it may fall in'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM requests WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
  AND due_date >= current_date + 21 AND statutory_due_date >= current_date + 21
  AND received_at < (current_date + 21)::timestamptz;
\echo '== a follow-up count of today'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM request_history WHERE request_id = 1000 AND action = 'follow_up' AND at >= current_date;
