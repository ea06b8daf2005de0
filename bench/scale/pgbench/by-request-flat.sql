-- A request's history from an unpartitioned copy of request_history (the table before V35).
\set id random(:lo, :hi)
SELECT received_at - interval '1 day' AS since FROM requests WHERE id = :id \gset
SELECT id, action, actor, at, details, from_branch, from_status, note, public, request_id, to_branch, to_status
FROM history_flat WHERE request_id = :id ORDER BY id;
