-- Deadlines that act (APPC Art. 76): an open request past its due date is escalated once, the
-- day after; staff are warned before the due date; a late forward is told to the receiving
-- branch's head. Escalation is a fact of the request (its history says when and by whom);
-- warnings and notices are the staff's inbox, one per request, kind, due date and branch.
ALTER TABLE requests ADD COLUMN escalated_at timestamptz;

-- The deadline watch: warnings scan open requests by due date (requests_open_due_idx, V2);
-- escalations read only the open ones not yet escalated, so those escalated earlier but still
-- open are not read again on every run.
CREATE INDEX requests_to_escalate_idx ON requests (due_date, id)
    WHERE escalated_at IS NULL AND status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
-- The "escalated" queue of a branch, and of a region for its regional branch.
CREATE INDEX requests_branch_escalated_idx ON requests (branch_code, due_date, id)
    WHERE escalated_at IS NOT NULL AND status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
CREATE INDEX requests_region_escalated_idx ON requests (region_code, due_date, id)
    WHERE escalated_at IS NOT NULL AND status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
CREATE TABLE staff_notices (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      bigint       NOT NULL REFERENCES requests (id),
    tracking_number varchar(32)  NOT NULL,
    branch_code     varchar(16)  NOT NULL,
    assignee        varchar(100),
    kind            varchar(16)  NOT NULL CHECK (kind IN ('due_soon', 'escalated', 'late_forward')),
    due_date        date         NOT NULL,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT staff_notices_once UNIQUE (request_id, kind, due_date, branch_code)
);
-- A branch's inbox, newest first.
CREATE INDEX staff_notices_branch_idx ON staff_notices (branch_code, created_at DESC, id DESC);
