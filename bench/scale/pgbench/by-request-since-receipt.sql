-- A request's history from the partitioned table from a day before its receipt, as
-- casework/HistoryRepository reads it (the partitions of earlier years are skipped).
\set id random(:lo, :hi)
SELECT received_at - interval '1 day' AS since FROM requests WHERE id = :id \gset
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM request_history WHERE request_id = :id AND at >= :since ORDER BY id;
