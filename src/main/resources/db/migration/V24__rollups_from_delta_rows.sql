-- Rollups without hot rows.
--
-- Until now a trigger added every change of a request to about 30 rollup rows in the writer's
-- transaction. Every writer of a day took the same national row first and held it until
-- commit, so intake and acts of one day ran one at a time.
--
-- Now a change of a request appends its report facts to report_delta: one row for the old
-- facts (sign -1) and one for the new (sign +1). These are inserts only, and no row is shared
-- between transactions. report_fold() moves the deltas into the rollups in one set-based
-- statement. The service calls it about every second, and one folder runs at a time across
-- instances. Reports read the *_now views: the rollups plus the deltas not yet folded. So the
-- figures are exact at every moment, folded or not.
--
-- How a delta counts is said once, in report_delta_daily / _open_due / _decision_days. The
-- views and the fold both use them.

CREATE TABLE report_delta (
    id           bigint       GENERATED ALWAYS AS IDENTITY,
    sign         smallint     NOT NULL,        -- +1 adds the facts, -1 takes them away
    received_on  date         NOT NULL,        -- day of receipt, Kazakhstan time
    region_code  varchar(8)   NOT NULL,
    branch_code  varchar(16)  NOT NULL,
    category_code varchar(32) NOT NULL,
    type         varchar(16)  NOT NULL,
    channel      varchar(10)  NOT NULL,
    status       varchar(12)  NOT NULL,
    outcome      varchar(20),
    due_date     date         NOT NULL,
    decided_on   date,                         -- day of the decision when decided, Kazakhstan time
    working_days smallint,                     -- working days from receipt to decision when decided
    forwarded    boolean      NOT NULL,
    late_forward boolean      NOT NULL,
    reopened     boolean      NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000);
-- No index: rows live about a second, and both the fold and the views read them all.

-- Appends one request's facts with the given sign.
CREATE FUNCTION report_delta_append(r requests, p_sign smallint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_day        date := (r.received_at AT TIME ZONE 'Asia/Almaty')::date;
    v_decided    boolean := r.status IN ('RESOLVED', 'CLOSED');
    v_decided_on date := CASE WHEN r.status IN ('RESOLVED', 'CLOSED')
                              THEN (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date END;
BEGIN
    INSERT INTO report_delta (sign, received_on, region_code, branch_code, category_code, type, channel, status,
        outcome, due_date, decided_on, working_days, forwarded, late_forward, reopened)
    VALUES (p_sign, v_day, r.region_code, r.branch_code, r.category_code, r.type, r.channel, r.status,
        r.outcome, r.due_date, v_decided_on,
        CASE WHEN v_decided THEN report_working_days(v_day, v_decided_on) END,
        r.forward_count > 0, r.late_forward, r.reopen_count > 0);
END;
$$;

CREATE FUNCTION report_deltas_follow_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Acts that change nothing a report counts (assign, comment) append nothing.
        IF (OLD.status, OLD.outcome, OLD.resolved_at, OLD.due_date, OLD.branch_code, OLD.forward_count,
            OLD.late_forward, OLD.reopen_count, OLD.region_code, OLD.category_code, OLD.type, OLD.channel,
            OLD.received_at)
           IS NOT DISTINCT FROM
           (NEW.status, NEW.outcome, NEW.resolved_at, NEW.due_date, NEW.branch_code, NEW.forward_count,
            NEW.late_forward, NEW.reopen_count, NEW.region_code, NEW.category_code, NEW.type, NEW.channel,
            NEW.received_at) THEN
            RETURN NULL;
        END IF;
        PERFORM report_delta_append(OLD, -1::smallint);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM report_delta_append(OLD, -1::smallint);
        RETURN NULL;
    END IF;
    PERFORM report_delta_append(NEW, 1::smallint);
    RETURN NULL;
END;
$$;

DROP TRIGGER requests_report_rollups ON requests;
DROP FUNCTION report_rollups_follow_requests();
DROP FUNCTION report_apply(requests, integer);
CREATE TRIGGER requests_report_rollups
    AFTER INSERT OR UPDATE OR DELETE ON requests
    FOR EACH ROW EXECUTE FUNCTION report_deltas_follow_requests();

-- What one delta adds to report_daily: a row per grouping set.
CREATE FUNCTION report_delta_daily(d report_delta)
    RETURNS TABLE (grouping_set smallint, received_on date, region_code varchar, branch_code varchar,
                   category_code varchar, type varchar, channel varchar,
                   received integer, withdrawn integer, submitted integer, registered integer, in_progress integer,
                   resolved integer, closed integer, decided_on_time integer, decided_late integer,
                   satisfied integer, partially_satisfied integer, explained integer, rejected integer,
                   forwarded integer, late_forwarded integer, reopened integer, ever_decided integer)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT g, d.received_on,
        CASE WHEN g & 1 <> 0 THEN d.region_code ELSE '' END,
        CASE WHEN g & 2 <> 0 THEN d.branch_code ELSE '' END,
        CASE WHEN g & 4 <> 0 THEN d.category_code ELSE '' END,
        CASE WHEN g & 8 <> 0 THEN d.type ELSE '' END,
        CASE WHEN g & 16 <> 0 THEN d.channel ELSE '' END,
        d.sign * (d.status <> 'WITHDRAWN')::integer, d.sign * (d.status = 'WITHDRAWN')::integer,
        d.sign * (d.status = 'SUBMITTED')::integer, d.sign * (d.status = 'REGISTERED')::integer,
        d.sign * (d.status = 'IN_PROGRESS')::integer, d.sign * (d.status = 'RESOLVED')::integer,
        d.sign * (d.status = 'CLOSED')::integer,
        d.sign * coalesce(d.decided_on <= d.due_date, false)::integer,
        d.sign * coalesce(d.decided_on > d.due_date, false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.outcome = 'satisfied', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.outcome = 'partially_satisfied', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.outcome = 'explained', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.outcome = 'rejected', false)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND d.forwarded)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND d.late_forward)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND d.reopened)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND (d.decided_on IS NOT NULL OR d.reopened))::integer
    FROM unnest(report_grouping_sets()) AS g
$$;

-- What one delta adds to report_open_due: nothing unless the request is open.
CREATE FUNCTION report_delta_open_due(d report_delta)
    RETURNS TABLE (grouping_set smallint, received_on date, region_code varchar, branch_code varchar,
                   category_code varchar, type varchar, channel varchar, due_date date, open integer)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT g, d.received_on,
        CASE WHEN g & 1 <> 0 THEN d.region_code ELSE '' END,
        CASE WHEN g & 2 <> 0 THEN d.branch_code ELSE '' END,
        CASE WHEN g & 4 <> 0 THEN d.category_code ELSE '' END,
        CASE WHEN g & 8 <> 0 THEN d.type ELSE '' END,
        CASE WHEN g & 16 <> 0 THEN d.channel ELSE '' END,
        d.due_date, d.sign::integer
    FROM unnest(report_grouping_sets()) AS g
    WHERE d.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
$$;

-- What one delta adds to report_decision_days: nothing unless the request is decided.
CREATE FUNCTION report_delta_decision_days(d report_delta)
    RETURNS TABLE (grouping_set smallint, received_on date, region_code varchar, branch_code varchar,
                   category_code varchar, type varchar, channel varchar, working_days smallint, decided integer)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT g, d.received_on,
        CASE WHEN g & 1 <> 0 THEN d.region_code ELSE '' END,
        CASE WHEN g & 2 <> 0 THEN d.branch_code ELSE '' END,
        CASE WHEN g & 4 <> 0 THEN d.category_code ELSE '' END,
        CASE WHEN g & 8 <> 0 THEN d.type ELSE '' END,
        CASE WHEN g & 16 <> 0 THEN d.channel ELSE '' END,
        d.working_days, d.sign::integer
    FROM unnest(report_grouping_sets()) AS g
    WHERE d.decided_on IS NOT NULL
$$;

-- What reports read: the rollups plus the deltas not yet folded. Summed by the reader.
CREATE VIEW report_daily_now AS
    SELECT grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, decided_late,
        satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened, ever_decided
    FROM report_daily
    UNION ALL
    SELECT e.* FROM report_delta d CROSS JOIN LATERAL report_delta_daily(d) e;

CREATE VIEW report_open_due_now AS
    SELECT grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date, open
    FROM report_open_due
    UNION ALL
    SELECT e.* FROM report_delta d CROSS JOIN LATERAL report_delta_open_due(d) e;

CREATE VIEW report_decision_days_now AS
    SELECT grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days, decided
    FROM report_decision_days
    UNION ALL
    SELECT e.* FROM report_delta d CROSS JOIN LATERAL report_delta_decision_days(d) e;

-- Moves every delta visible now into the rollups and answers how many it moved. One
-- statement removes the deltas and adds them to the three rollups, under one snapshot, so
-- each delta is counted exactly once: a delta committed meanwhile waits for the next fold.
-- One folder at a time: with p_wait false a second caller returns 0 at once instead of queueing.
CREATE FUNCTION report_fold(p_wait boolean DEFAULT false) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_moved integer;
    v_days  date[];
BEGIN
    IF p_wait THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('report_fold', 0));
    ELSIF NOT pg_try_advisory_xact_lock(hashtextextended('report_fold', 0)) THEN
        RETURN 0;
    END IF;

    WITH moved AS (
        DELETE FROM report_delta RETURNING *
    ), daily AS (
        INSERT INTO report_daily AS r (grouping_set, received_on, region_code, branch_code, category_code, type,
            channel, received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time,
            decided_late, satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened,
            ever_decided)
        SELECT e.grouping_set, e.received_on, e.region_code, e.branch_code, e.category_code, e.type, e.channel,
            sum(e.received), sum(e.withdrawn), sum(e.submitted), sum(e.registered), sum(e.in_progress),
            sum(e.resolved), sum(e.closed), sum(e.decided_on_time), sum(e.decided_late), sum(e.satisfied),
            sum(e.partially_satisfied), sum(e.explained), sum(e.rejected), sum(e.forwarded), sum(e.late_forwarded),
            sum(e.reopened), sum(e.ever_decided)
        FROM moved m CROSS JOIN LATERAL report_delta_daily(ROW(m.*)::report_delta) e
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel) DO UPDATE SET
            received = r.received + excluded.received, withdrawn = r.withdrawn + excluded.withdrawn,
            submitted = r.submitted + excluded.submitted, registered = r.registered + excluded.registered,
            in_progress = r.in_progress + excluded.in_progress, resolved = r.resolved + excluded.resolved,
            closed = r.closed + excluded.closed, decided_on_time = r.decided_on_time + excluded.decided_on_time,
            decided_late = r.decided_late + excluded.decided_late, satisfied = r.satisfied + excluded.satisfied,
            partially_satisfied = r.partially_satisfied + excluded.partially_satisfied,
            explained = r.explained + excluded.explained, rejected = r.rejected + excluded.rejected,
            forwarded = r.forwarded + excluded.forwarded, late_forwarded = r.late_forwarded + excluded.late_forwarded,
            reopened = r.reopened + excluded.reopened, ever_decided = r.ever_decided + excluded.ever_decided
    ), open_due AS (
        INSERT INTO report_open_due AS o (grouping_set, received_on, region_code, branch_code, category_code, type,
            channel, due_date, open)
        SELECT e.grouping_set, e.received_on, e.region_code, e.branch_code, e.category_code, e.type, e.channel,
            e.due_date, sum(e.open)
        FROM moved m CROSS JOIN LATERAL report_delta_open_due(ROW(m.*)::report_delta) e
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date)
            DO UPDATE SET open = o.open + excluded.open
    ), decision_days AS (
        INSERT INTO report_decision_days AS w (grouping_set, received_on, region_code, branch_code, category_code,
            type, channel, working_days, decided)
        SELECT e.grouping_set, e.received_on, e.region_code, e.branch_code, e.category_code, e.type, e.channel,
            e.working_days, sum(e.decided)
        FROM moved m CROSS JOIN LATERAL report_delta_decision_days(ROW(m.*)::report_delta) e
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days)
            DO UPDATE SET decided = w.decided + excluded.decided
    )
    SELECT count(*), array_agg(DISTINCT received_on) INTO v_moved, v_days FROM moved;

    IF v_moved > 0 THEN
        -- Rows that fell to zero count nothing; the days just folded are the only ones that can hold them.
        DELETE FROM report_open_due
        WHERE grouping_set = ANY (report_grouping_sets()) AND received_on = ANY (v_days) AND open = 0;
        DELETE FROM report_decision_days
        WHERE grouping_set = ANY (report_grouping_sets()) AND received_on = ANY (v_days) AND decided = 0;
    END IF;
    RETURN v_moved;
END;
$$;

-- report_rebuild() recomputed the rollups from requests. The deltas are now part of what it
-- replaces: the recount keeps its body under a new name, and report_rebuild() also waits for
-- any fold in progress and drops the deltas, which the recount already counts.
ALTER FUNCTION report_rebuild() RENAME TO report_recount;

CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE requests IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(hashtextextended('report_fold', 0));
    DELETE FROM report_delta;
    PERFORM report_recount();
END;
$$;
