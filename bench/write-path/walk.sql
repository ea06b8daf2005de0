-- pgbench: one request of the 'pgbench' walk pool (today's requests of the pgbench intake run)
-- taken through register, start_work and resolve, each act its own transaction as in the
-- service (casework/CaseworkService.act): the versioned UPDATE of the request and its history
-- row. Not the service's read of the row before it, nor the access-log row it writes for the
-- staff view it answers. The rollup trigger runs on every act. One pgbench transaction here is
-- three acts: acts per second = 3 x tps.
SELECT request_id AS id, branch_code AS branch FROM bench.walk
WHERE pool = 'pgbench' AND k = (SELECT nextval('bench.next_walk')) \gset
BEGIN;
UPDATE requests SET status = 'REGISTERED', updated_at = now(), version = version + 1
WHERE id = :id AND version = 0;
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
VALUES (:id, now(), 'operator-bench', 'register', 'SUBMITTED', 'REGISTERED', :branch, :branch, NULL, true, '{}');
END;
BEGIN;
UPDATE requests SET status = 'IN_PROGRESS', updated_at = now(), version = version + 1
WHERE id = :id AND version = 1;
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
VALUES (:id, now(), 'operator-bench', 'start_work', 'REGISTERED', 'IN_PROGRESS', :branch, :branch, NULL, true, '{}');
END;
BEGIN;
UPDATE requests SET status = 'RESOLVED', outcome = 'explained', resolved_at = now(),
    answer = 'The light was repaired on the day of the request.', updated_at = now(), version = version + 1
WHERE id = :id AND version = 2;
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
VALUES (:id, now(), 'operator-bench', 'resolve', 'IN_PROGRESS', 'RESOLVED', :branch, :branch,
        'The light was repaired on the day of the request.', true, '{"outcome": "explained"}');
END;
