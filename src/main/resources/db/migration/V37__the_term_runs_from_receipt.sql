-- A request's statutory due date is never before the day it was received (in Kazakhstan): the
-- term is counted from receipt, from a complaint's day, or again from receipt on a changed
-- calendar, never backwards. Its due date in force is never before the statutory one
-- (requests_due_after_receipt, V2). So an open request received today cannot be overdue today,
-- and the overdue queue starts its scan of a branch's open requests, newest first, at the
-- start of today instead of walking past every request of the day (docs/PERFORMANCE.md, item 20).
-- The constraint makes that reasoning a fact of the data, not of the code that writes it.
-- Adding it reads the whole table once, under a lock that blocks writes; on a large database
-- add it by hand first with NOT VALID and then VALIDATE CONSTRAINT (which lets writes through),
-- and this statement is skipped.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'requests_term_not_before_receipt') THEN
        ALTER TABLE requests ADD CONSTRAINT requests_term_not_before_receipt
            CHECK (statutory_due_date >= (received_at AT TIME ZONE 'Asia/Almaty')::date);
    END IF;
END
$$;
