-- The workbench's queue tallies (CaseworkService.tallies): per branch, the requests that still
-- need staff (RequestStatus.WAITING), by status, with their due dates for the overdue and due-soon counts. Those are a
-- few percent of all requests, so the partial index stays small and the count is index-only.
CREATE INDEX requests_branch_waiting_idx ON requests (branch_code, status, due_date)
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS', 'RESOLVED');
