-- Staff queues of one branch at national scale (measured on 2 million requests, EXPLAIN in
-- docs/PERFORMANCE.md). The default queue, newest first, and the open and overdue queues
-- (open requests are one or two percent of all) each read one index in the order they are
-- shown and stop after a page, instead of filtering a national index or sorting a branch.
CREATE INDEX requests_branch_received_idx ON requests (branch_code, received_at DESC, id DESC);
CREATE INDEX requests_branch_open_received_idx ON requests (branch_code, received_at DESC, id DESC)
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
CREATE INDEX requests_branch_open_due_idx ON requests (branch_code, due_date, id)
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
