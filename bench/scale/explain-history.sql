-- The history and access-log reads of the service, with EXPLAIN (ANALYZE, BUFFERS), on the
-- generated set (bench/generate-data.sh, bench/scale/fill-logs.sql). Run before and after
-- migration V35 (docs/SCALING.md):
--   psql -d citizen_bench -v recent=<request id> -v old=<request id> -f bench/scale/explain-history.sql
-- :recent is a request received weeks ago, :old one received in late December three years back
-- (its history crosses a year). The queries are those Hibernate sends (casework/HistoryRepository,
-- PublishedRequests, AccessLog), with literals, and the history read bounded by the receipt that was
-- considered for HistoryRepository, as a literal and as a prepared statement with a generic plan
-- (as pgjdbc runs statements from their fifth execution on).
\set ECHO queries
\pset pager off
SELECT id, tracking_number, received_at FROM requests WHERE id IN (:recent, :old) ORDER BY id;
-- warm the caches once
SELECT count(*) FROM request_history WHERE request_id IN (:recent, :old);

-- HistoryRepository.of: by request only (before and after V35)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history WHERE request_id = :recent ORDER BY id;

-- by request and from a day before its receipt (the bound comes from a sub-query: pruned at run time)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history
WHERE request_id = :recent AND at >= (SELECT received_at - interval '1 day' FROM requests WHERE id = :recent) ORDER BY id;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history r
WHERE request_id = :old AND at >= (SELECT received_at - interval '1 day' FROM requests WHERE id = :old) ORDER BY id;

-- the bound as a literal, as in pgjdbc's first four executions (a custom plan): pruned by the planner
SELECT received_at - interval '1 day' AS recent_from FROM requests WHERE id = :recent \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history WHERE request_id = :recent AND at >= :'recent_from' ORDER BY id;

-- the same with the bound as a parameter, generic plan (pruning at executor start-up)
PREPARE history_of(bigint, timestamptz) AS
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history WHERE request_id = $1 AND at >= $2 ORDER BY id;
SET plan_cache_mode = force_generic_plan;
SELECT received_at - interval '1 day' AS old_from FROM requests WHERE id = :old \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE history_of(:recent, :'recent_from');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE history_of(:old, :'old_from');
RESET plan_cache_mode;
DEALLOCATE history_of;

-- PublishedRequests.latestPublicNotes, a page of 50 requests (no bound on at: every partition's index)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT DISTINCT ON (request_id) request_id, note FROM request_history
WHERE request_id IN (SELECT id FROM requests WHERE id BETWEEN :recent AND :recent + 49) AND public AND note IS NOT NULL AND note <> ''
ORDER BY request_id, id DESC;

-- AccessLog.search: one tracking number, and the whole log, newest first, a page of 20 (+1)
SELECT tracking_number AS recent_tn FROM requests WHERE id = :recent \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM personal_data_access WHERE tracking_number = :'recent_tn' ORDER BY at DESC, id DESC LIMIT 21;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM personal_data_access ORDER BY at DESC, id DESC LIMIT 21;
