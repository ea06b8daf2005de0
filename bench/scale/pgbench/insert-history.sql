-- One history row, as an act appends it. run.sh replaces HISTORY_TABLE with request_history
-- or history_flat (its copy without partitions).
\set id random(1, :hi)
INSERT INTO HISTORY_TABLE (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note, public, details)
VALUES (:id, now(), 'operator-bench', 'comment', 'IN_PROGRESS', 'IN_PROGRESS', 'AST-RB', 'AST-RB', 'A note.', false, '{}');
