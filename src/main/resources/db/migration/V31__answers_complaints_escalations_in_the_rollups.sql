-- The citizen's answers, complaints and escalations join the rollups (V24's deltas and
-- folds), so that reports count them like every other figure: per day of receipt and
-- grouping set, exact at every moment, without reading requests.
--
-- report_delta gains four facts of a request; report_daily nine counts:
--   answered            decided, and the citizen answered the decision in force
--   answered_satisfied  of those, the answer was "satisfied"
--   complaints          reopened on the citizen's complaint (not withdrawn)
--   complaints_decided  of those, decided again; complaints_<outcome> by outcome
--   escalated           escalated the day after the due date (not withdrawn)
-- The functions and the view below are V24's and V11's with these added; report_rebuild()
-- (V24) calls report_recount(), which now counts them too, and recounts at the end.

ALTER TABLE report_delta
    ADD COLUMN answered           boolean NOT NULL DEFAULT false,
    ADD COLUMN answered_satisfied boolean NOT NULL DEFAULT false,
    ADD COLUMN complaint          boolean NOT NULL DEFAULT false,
    ADD COLUMN escalated          boolean NOT NULL DEFAULT false;

ALTER TABLE report_daily
    ADD COLUMN answered                       integer NOT NULL DEFAULT 0,
    ADD COLUMN answered_satisfied             integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints                     integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints_decided             integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints_satisfied           integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints_partially_satisfied integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints_explained           integer NOT NULL DEFAULT 0,
    ADD COLUMN complaints_rejected            integer NOT NULL DEFAULT 0,
    ADD COLUMN escalated                      integer NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION report_delta_append(r requests, p_sign smallint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_day        date := (r.received_at AT TIME ZONE 'Asia/Almaty')::date;
    v_decided    boolean := r.status IN ('RESOLVED', 'CLOSED');
    v_decided_on date := CASE WHEN r.status IN ('RESOLVED', 'CLOSED')
                              THEN (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date END;
BEGIN
    INSERT INTO report_delta (sign, received_on, region_code, branch_code, category_code, type, channel, status,
        outcome, due_date, decided_on, working_days, forwarded, late_forward, reopened,
        answered, answered_satisfied, complaint, escalated)
    VALUES (p_sign, v_day, r.region_code, r.branch_code, r.category_code, r.type, r.channel, r.status,
        r.outcome, r.due_date, v_decided_on,
        CASE WHEN v_decided THEN report_working_days(v_day, v_decided_on) END,
        r.forward_count > 0, r.late_forward, r.reopen_count > 0,
        r.feedback_at IS NOT NULL, coalesce(r.feedback_satisfied, false), r.complaint, r.escalated_at IS NOT NULL);
END;
$$;

CREATE OR REPLACE FUNCTION report_deltas_follow_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Acts that change nothing a report counts (assign, comment) append nothing.
        IF (OLD.status, OLD.outcome, OLD.resolved_at, OLD.due_date, OLD.branch_code, OLD.forward_count,
            OLD.late_forward, OLD.reopen_count, OLD.region_code, OLD.category_code, OLD.type, OLD.channel,
            OLD.received_at, OLD.feedback_at, OLD.feedback_satisfied, OLD.complaint, OLD.escalated_at IS NOT NULL)
           IS NOT DISTINCT FROM
           (NEW.status, NEW.outcome, NEW.resolved_at, NEW.due_date, NEW.branch_code, NEW.forward_count,
            NEW.late_forward, NEW.reopen_count, NEW.region_code, NEW.category_code, NEW.type, NEW.channel,
            NEW.received_at, NEW.feedback_at, NEW.feedback_satisfied, NEW.complaint, NEW.escalated_at IS NOT NULL) THEN
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

DROP VIEW report_daily_now;
DROP FUNCTION report_delta_daily(report_delta);

CREATE FUNCTION report_delta_daily(d report_delta)
    RETURNS TABLE (grouping_set smallint, received_on date, region_code varchar, branch_code varchar,
                   category_code varchar, type varchar, channel varchar,
                   received integer, withdrawn integer, submitted integer, registered integer, in_progress integer,
                   resolved integer, closed integer, decided_on_time integer, decided_late integer,
                   satisfied integer, partially_satisfied integer, explained integer, rejected integer,
                   forwarded integer, late_forwarded integer, reopened integer, ever_decided integer,
                   answered integer, answered_satisfied integer, complaints integer, complaints_decided integer,
                   complaints_satisfied integer, complaints_partially_satisfied integer, complaints_explained integer,
                   complaints_rejected integer, escalated integer)
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
        d.sign * (d.status <> 'WITHDRAWN' AND (d.decided_on IS NOT NULL OR d.reopened))::integer,
        d.sign * (d.decided_on IS NOT NULL AND d.answered)::integer,
        d.sign * (d.decided_on IS NOT NULL AND d.answered_satisfied)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND d.complaint)::integer,
        d.sign * (d.decided_on IS NOT NULL AND d.complaint)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.complaint AND d.outcome = 'satisfied', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.complaint AND d.outcome = 'partially_satisfied', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.complaint AND d.outcome = 'explained', false)::integer,
        d.sign * coalesce(d.decided_on IS NOT NULL AND d.complaint AND d.outcome = 'rejected', false)::integer,
        d.sign * (d.status <> 'WITHDRAWN' AND d.escalated)::integer
    FROM unnest(report_grouping_sets()) AS g
$$;

CREATE VIEW report_daily_now AS
    SELECT grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, decided_late,
        satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened, ever_decided,
        answered, answered_satisfied, complaints, complaints_decided, complaints_satisfied,
        complaints_partially_satisfied, complaints_explained, complaints_rejected, escalated
    FROM report_daily
    UNION ALL
    SELECT e.* FROM report_delta d CROSS JOIN LATERAL report_delta_daily(d) e;

CREATE OR REPLACE FUNCTION report_fold(p_wait boolean DEFAULT false) RETURNS integer LANGUAGE plpgsql AS $$
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
            ever_decided, answered, answered_satisfied, complaints, complaints_decided, complaints_satisfied,
            complaints_partially_satisfied, complaints_explained, complaints_rejected, escalated)
        SELECT e.grouping_set, e.received_on, e.region_code, e.branch_code, e.category_code, e.type, e.channel,
            sum(e.received), sum(e.withdrawn), sum(e.submitted), sum(e.registered), sum(e.in_progress),
            sum(e.resolved), sum(e.closed), sum(e.decided_on_time), sum(e.decided_late), sum(e.satisfied),
            sum(e.partially_satisfied), sum(e.explained), sum(e.rejected), sum(e.forwarded), sum(e.late_forwarded),
            sum(e.reopened), sum(e.ever_decided), sum(e.answered), sum(e.answered_satisfied), sum(e.complaints),
            sum(e.complaints_decided), sum(e.complaints_satisfied), sum(e.complaints_partially_satisfied),
            sum(e.complaints_explained), sum(e.complaints_rejected), sum(e.escalated)
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
            reopened = r.reopened + excluded.reopened, ever_decided = r.ever_decided + excluded.ever_decided,
            answered = r.answered + excluded.answered,
            answered_satisfied = r.answered_satisfied + excluded.answered_satisfied,
            complaints = r.complaints + excluded.complaints,
            complaints_decided = r.complaints_decided + excluded.complaints_decided,
            complaints_satisfied = r.complaints_satisfied + excluded.complaints_satisfied,
            complaints_partially_satisfied = r.complaints_partially_satisfied + excluded.complaints_partially_satisfied,
            complaints_explained = r.complaints_explained + excluded.complaints_explained,
            complaints_rejected = r.complaints_rejected + excluded.complaints_rejected,
            escalated = r.escalated + excluded.escalated
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

CREATE OR REPLACE FUNCTION report_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE requests IN SHARE MODE;
    DELETE FROM report_daily;
    DELETE FROM report_open_due;
    DELETE FROM report_decision_days;

    DROP TABLE IF EXISTS report_facts, report_ordinals;
    CREATE TEMPORARY TABLE report_facts ON COMMIT DROP AS
    SELECT (received_at AT TIME ZONE 'Asia/Almaty')::date AS received_on,
           region_code, branch_code, category_code, type, channel, status, outcome, due_date,
           (resolved_at AT TIME ZONE 'Asia/Almaty')::date AS decided_on,
           CASE WHEN status = 'WITHDRAWN' THEN 0 ELSE 1 END AS live,
           status IN ('RESOLVED', 'CLOSED') AS decided,
           forward_count > 0 AS forwarded, late_forward, reopen_count > 0 AS reopened,
           feedback_at IS NOT NULL AS answered, coalesce(feedback_satisfied, false) AS answered_satisfied,
           complaint, escalated_at IS NOT NULL AS escalated
    FROM requests;

    INSERT INTO report_daily (grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, decided_late,
        satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened, ever_decided,
        answered, answered_satisfied, complaints, complaints_decided, complaints_satisfied,
        complaints_partially_satisfied, complaints_explained, complaints_rejected, escalated)
    SELECT (CASE WHEN grouping(region_code) = 0 THEN 1 ELSE 0 END) + (CASE WHEN grouping(branch_code) = 0 THEN 2 ELSE 0 END)
         + (CASE WHEN grouping(category_code) = 0 THEN 4 ELSE 0 END) + (CASE WHEN grouping(type) = 0 THEN 8 ELSE 0 END)
         + (CASE WHEN grouping(channel) = 0 THEN 16 ELSE 0 END),
        received_on, coalesce(region_code, ''), coalesce(branch_code, ''), coalesce(category_code, ''),
        coalesce(type, ''), coalesce(channel, ''),
        sum(live), sum(1 - live),
        count(*) FILTER (WHERE status = 'SUBMITTED'), count(*) FILTER (WHERE status = 'REGISTERED'),
        count(*) FILTER (WHERE status = 'IN_PROGRESS'), count(*) FILTER (WHERE status = 'RESOLVED'),
        count(*) FILTER (WHERE status = 'CLOSED'),
        count(*) FILTER (WHERE decided AND decided_on <= due_date), count(*) FILTER (WHERE decided AND decided_on > due_date),
        count(*) FILTER (WHERE decided AND outcome = 'satisfied'), count(*) FILTER (WHERE decided AND outcome = 'partially_satisfied'),
        count(*) FILTER (WHERE decided AND outcome = 'explained'), count(*) FILTER (WHERE decided AND outcome = 'rejected'),
        count(*) FILTER (WHERE live = 1 AND forwarded), count(*) FILTER (WHERE live = 1 AND late_forward),
        count(*) FILTER (WHERE live = 1 AND reopened), count(*) FILTER (WHERE live = 1 AND (decided OR reopened)),
        count(*) FILTER (WHERE decided AND answered), count(*) FILTER (WHERE decided AND answered_satisfied),
        count(*) FILTER (WHERE live = 1 AND complaint), count(*) FILTER (WHERE decided AND complaint),
        count(*) FILTER (WHERE decided AND complaint AND outcome = 'satisfied'),
        count(*) FILTER (WHERE decided AND complaint AND outcome = 'partially_satisfied'),
        count(*) FILTER (WHERE decided AND complaint AND outcome = 'explained'),
        count(*) FILTER (WHERE decided AND complaint AND outcome = 'rejected'),
        count(*) FILTER (WHERE live = 1 AND escalated)
    FROM report_facts
    GROUP BY GROUPING SETS ((received_on), (received_on, region_code), (received_on, region_code, branch_code),
        (received_on, category_code), (received_on, region_code, category_code), (received_on, type),
        (received_on, region_code, type), (received_on, channel), (received_on, region_code, channel),
        (received_on, region_code, branch_code, category_code, type, channel));

    INSERT INTO report_open_due (grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        due_date, open)
    SELECT (CASE WHEN grouping(region_code) = 0 THEN 1 ELSE 0 END) + (CASE WHEN grouping(branch_code) = 0 THEN 2 ELSE 0 END)
         + (CASE WHEN grouping(category_code) = 0 THEN 4 ELSE 0 END) + (CASE WHEN grouping(type) = 0 THEN 8 ELSE 0 END)
         + (CASE WHEN grouping(channel) = 0 THEN 16 ELSE 0 END),
        received_on, coalesce(region_code, ''), coalesce(branch_code, ''), coalesce(category_code, ''),
        coalesce(type, ''), coalesce(channel, ''), due_date, count(*)
    FROM report_facts
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS')
    GROUP BY GROUPING SETS ((received_on, due_date), (received_on, due_date, region_code),
        (received_on, due_date, region_code, branch_code), (received_on, due_date, category_code),
        (received_on, due_date, region_code, category_code), (received_on, due_date, type),
        (received_on, due_date, region_code, type), (received_on, due_date, channel),
        (received_on, due_date, region_code, channel),
        (received_on, due_date, region_code, branch_code, category_code, type, channel));

    -- Working days to the decision: a day's ordinal among working days, differenced.
    CREATE TEMPORARY TABLE report_ordinals ON COMMIT DROP AS
    SELECT s.d::date AS day,
           (count(*) FILTER (WHERE coalesce(c.working, extract(isodow FROM s.d) < 6)) OVER (ORDER BY s.d))::integer AS ordinal
    FROM generate_series((SELECT min(received_on) FROM report_facts),
                         greatest((SELECT max(decided_on) FROM report_facts), (SELECT min(received_on) FROM report_facts)),
                         interval '1 day') AS s(d)
    LEFT JOIN calendar_days c ON c.day = s.d::date;

    INSERT INTO report_decision_days (grouping_set, received_on, region_code, branch_code, category_code, type,
        channel, working_days, decided)
    SELECT (CASE WHEN grouping(region_code) = 0 THEN 1 ELSE 0 END) + (CASE WHEN grouping(branch_code) = 0 THEN 2 ELSE 0 END)
         + (CASE WHEN grouping(category_code) = 0 THEN 4 ELSE 0 END) + (CASE WHEN grouping(type) = 0 THEN 8 ELSE 0 END)
         + (CASE WHEN grouping(channel) = 0 THEN 16 ELSE 0 END),
        received_on, coalesce(region_code, ''), coalesce(branch_code, ''), coalesce(category_code, ''),
        coalesce(type, ''), coalesce(channel, ''), working_days, count(*)
    FROM (SELECT f.*, greatest(dec.ordinal - rec.ordinal, 0)::smallint AS working_days
          FROM report_facts f
          JOIN report_ordinals rec ON rec.day = f.received_on
          JOIN report_ordinals dec ON dec.day = f.decided_on
          WHERE f.decided) AS decided
    GROUP BY GROUPING SETS ((received_on, working_days), (received_on, working_days, region_code),
        (received_on, working_days, region_code, branch_code), (received_on, working_days, category_code),
        (received_on, working_days, region_code, category_code), (received_on, working_days, type),
        (received_on, working_days, region_code, type), (received_on, working_days, channel),
        (received_on, working_days, region_code, channel),
        (received_on, working_days, region_code, branch_code, category_code, type, channel));
END;
$$;

SELECT report_rebuild();
