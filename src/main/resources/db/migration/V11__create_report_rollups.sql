-- Rollups of the reports, so that no report scans requests.
--
-- Every request received on a day contributes to one row per grouping set: the set says
-- which dimensions the row is grouped by (bit 1 region, 2 branch, 4 category, 8 type,
-- 16 channel); a dimension not in the set is stored as ''. A report reads the smallest
-- set that holds its filters and its breakdown: a national summary reads 1 row per day,
-- a breakdown by region 20, and any combination of filters falls back to set 31 (all five).
--
--   report_daily          counts per received day (status mix, on time / late, outcomes, forwards, reopens)
--   report_open_due       open requests per received day and due date: "overdue now" for any today
--   report_decision_days  decided requests per received day and working days to the decision: percentiles
--
-- A trigger on requests keeps them in the transaction of every insert and update: it takes
-- away the old row's contribution and adds the new one's, so intake, casework and any other
-- path stay counted. report_rebuild() recomputes them from requests with set operations.

CREATE FUNCTION report_grouping_sets() RETURNS smallint[] LANGUAGE sql IMMUTABLE AS $$
    SELECT ARRAY[0, 1, 3, 4, 5, 8, 9, 16, 17, 31]::smallint[]
$$;

CREATE TABLE report_daily (
    grouping_set        smallint     NOT NULL,
    received_on         date         NOT NULL,              -- day of receipt, Kazakhstan time
    region_code         varchar(8)   NOT NULL,
    branch_code         varchar(16)  NOT NULL,              -- the branch that holds the request now
    category_code       varchar(32)  NOT NULL,
    type                varchar(16)  NOT NULL,
    channel             varchar(10)  NOT NULL,
    received            integer      NOT NULL DEFAULT 0,    -- not withdrawn
    withdrawn           integer      NOT NULL DEFAULT 0,
    submitted           integer      NOT NULL DEFAULT 0,
    registered          integer      NOT NULL DEFAULT 0,
    in_progress         integer      NOT NULL DEFAULT 0,
    resolved            integer      NOT NULL DEFAULT 0,
    closed              integer      NOT NULL DEFAULT 0,
    decided_on_time     integer      NOT NULL DEFAULT 0,    -- decided on or before the due date
    decided_late        integer      NOT NULL DEFAULT 0,    -- decided after the due date
    satisfied           integer      NOT NULL DEFAULT 0,
    partially_satisfied integer      NOT NULL DEFAULT 0,
    explained           integer      NOT NULL DEFAULT 0,
    rejected            integer      NOT NULL DEFAULT 0,
    forwarded           integer      NOT NULL DEFAULT 0,    -- forwarded at least once
    late_forwarded      integer      NOT NULL DEFAULT 0,
    reopened            integer      NOT NULL DEFAULT 0,    -- reopened at least once
    ever_decided        integer      NOT NULL DEFAULT 0,    -- decided now, or decided once and reopened
    PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel)
) WITH (fillfactor = 90);
-- Regional reports: one region's rows of a set over a period.
CREATE INDEX report_daily_region_idx ON report_daily (grouping_set, region_code, received_on);

CREATE TABLE report_open_due (
    grouping_set  smallint     NOT NULL,
    received_on   date         NOT NULL,
    region_code   varchar(8)   NOT NULL,
    branch_code   varchar(16)  NOT NULL,
    category_code varchar(32)  NOT NULL,
    type          varchar(16)  NOT NULL,
    channel       varchar(10)  NOT NULL,
    due_date      date         NOT NULL,
    open          integer      NOT NULL,
    PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date)
);
CREATE INDEX report_open_due_region_idx ON report_open_due (grouping_set, region_code, received_on);

CREATE TABLE report_decision_days (
    grouping_set  smallint     NOT NULL,
    received_on   date         NOT NULL,
    region_code   varchar(8)   NOT NULL,
    branch_code   varchar(16)  NOT NULL,
    category_code varchar(32)  NOT NULL,
    type          varchar(16)  NOT NULL,
    channel       varchar(10)  NOT NULL,
    working_days  smallint     NOT NULL,                    -- working days from receipt to decision
    decided       integer      NOT NULL,
    PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days)
);
CREATE INDEX report_decision_days_region_idx ON report_decision_days (grouping_set, region_code, received_on);

-- Working days after from_day up to and including to_day (the deadline rule's count):
-- Monday to Friday unless calendar_days says otherwise.
CREATE FUNCTION report_working_days(from_day date, to_day date) RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT count(*)::integer
    FROM generate_series(from_day + 1, to_day, interval '1 day') AS s(d)
    LEFT JOIN calendar_days c ON c.day = s.d::date
    WHERE coalesce(c.working, extract(isodow FROM s.d) < 6)
$$;

-- Adds (sign 1) or takes away (sign -1) one request's contribution to every grouping set.
-- Rows are touched in grouping-set order, so the national row of the day is always locked
-- first and concurrent acts on requests of the same day queue instead of deadlocking.
CREATE FUNCTION report_apply(r requests, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_day    date    := (r.received_at AT TIME ZONE 'Asia/Almaty')::date;
    v_live   integer := CASE WHEN r.status = 'WITHDRAWN' THEN 0 ELSE 1 END;
    v_decided boolean := r.status IN ('RESOLVED', 'CLOSED');
    v_decided_on date := (r.resolved_at AT TIME ZONE 'Asia/Almaty')::date;
BEGIN
    INSERT INTO report_daily AS d (grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, decided_late,
        satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened, ever_decided)
    SELECT g, v_day,
        CASE WHEN g & 1 <> 0 THEN r.region_code ELSE '' END,
        CASE WHEN g & 2 <> 0 THEN r.branch_code ELSE '' END,
        CASE WHEN g & 4 <> 0 THEN r.category_code ELSE '' END,
        CASE WHEN g & 8 <> 0 THEN r.type ELSE '' END,
        CASE WHEN g & 16 <> 0 THEN r.channel ELSE '' END,
        p_sign * v_live, p_sign * (1 - v_live),
        p_sign * (r.status = 'SUBMITTED')::integer, p_sign * (r.status = 'REGISTERED')::integer,
        p_sign * (r.status = 'IN_PROGRESS')::integer, p_sign * (r.status = 'RESOLVED')::integer,
        p_sign * (r.status = 'CLOSED')::integer,
        p_sign * (v_decided AND v_decided_on <= r.due_date)::integer, p_sign * (v_decided AND v_decided_on > r.due_date)::integer,
        p_sign * (v_decided AND r.outcome = 'satisfied')::integer, p_sign * (v_decided AND r.outcome = 'partially_satisfied')::integer,
        p_sign * (v_decided AND r.outcome = 'explained')::integer, p_sign * (v_decided AND r.outcome = 'rejected')::integer,
        p_sign * v_live * (r.forward_count > 0)::integer, p_sign * v_live * r.late_forward::integer,
        p_sign * v_live * (r.reopen_count > 0)::integer, p_sign * v_live * (v_decided OR r.reopen_count > 0)::integer
    FROM unnest(report_grouping_sets()) AS g
    ORDER BY g
    ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel) DO UPDATE SET
        received = d.received + excluded.received, withdrawn = d.withdrawn + excluded.withdrawn,
        submitted = d.submitted + excluded.submitted, registered = d.registered + excluded.registered,
        in_progress = d.in_progress + excluded.in_progress, resolved = d.resolved + excluded.resolved,
        closed = d.closed + excluded.closed, decided_on_time = d.decided_on_time + excluded.decided_on_time,
        decided_late = d.decided_late + excluded.decided_late, satisfied = d.satisfied + excluded.satisfied,
        partially_satisfied = d.partially_satisfied + excluded.partially_satisfied,
        explained = d.explained + excluded.explained, rejected = d.rejected + excluded.rejected,
        forwarded = d.forwarded + excluded.forwarded, late_forwarded = d.late_forwarded + excluded.late_forwarded,
        reopened = d.reopened + excluded.reopened, ever_decided = d.ever_decided + excluded.ever_decided;

    IF r.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') THEN
        INSERT INTO report_open_due AS o (grouping_set, received_on, region_code, branch_code, category_code, type,
            channel, due_date, open)
        SELECT g, v_day,
            CASE WHEN g & 1 <> 0 THEN r.region_code ELSE '' END,
            CASE WHEN g & 2 <> 0 THEN r.branch_code ELSE '' END,
            CASE WHEN g & 4 <> 0 THEN r.category_code ELSE '' END,
            CASE WHEN g & 8 <> 0 THEN r.type ELSE '' END,
            CASE WHEN g & 16 <> 0 THEN r.channel ELSE '' END,
            r.due_date, p_sign
        FROM unnest(report_grouping_sets()) AS g
        ORDER BY g
        ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date)
            DO UPDATE SET open = o.open + excluded.open;
        IF p_sign < 0 THEN
            DELETE FROM report_open_due
            WHERE grouping_set = ANY (report_grouping_sets()) AND received_on = v_day AND due_date = r.due_date AND open = 0;
        END IF;
    END IF;

    IF v_decided THEN
        INSERT INTO report_decision_days AS w (grouping_set, received_on, region_code, branch_code, category_code,
            type, channel, working_days, decided)
        SELECT g, v_day,
            CASE WHEN g & 1 <> 0 THEN r.region_code ELSE '' END,
            CASE WHEN g & 2 <> 0 THEN r.branch_code ELSE '' END,
            CASE WHEN g & 4 <> 0 THEN r.category_code ELSE '' END,
            CASE WHEN g & 8 <> 0 THEN r.type ELSE '' END,
            CASE WHEN g & 16 <> 0 THEN r.channel ELSE '' END,
            report_working_days(v_day, v_decided_on), p_sign
        FROM unnest(report_grouping_sets()) AS g
        ORDER BY g
        ON CONFLICT (grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days)
            DO UPDATE SET decided = w.decided + excluded.decided;
        IF p_sign < 0 THEN
            DELETE FROM report_decision_days
            WHERE grouping_set = ANY (report_grouping_sets()) AND received_on = v_day AND decided = 0;
        END IF;
    END IF;
END;
$$;

CREATE FUNCTION report_rollups_follow_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Acts that change nothing a report counts (assign, comment) leave the rollups alone.
        IF (OLD.status, OLD.outcome, OLD.resolved_at, OLD.due_date, OLD.branch_code, OLD.forward_count,
            OLD.late_forward, OLD.reopen_count, OLD.region_code, OLD.category_code, OLD.type, OLD.channel,
            OLD.received_at)
           IS NOT DISTINCT FROM
           (NEW.status, NEW.outcome, NEW.resolved_at, NEW.due_date, NEW.branch_code, NEW.forward_count,
            NEW.late_forward, NEW.reopen_count, NEW.region_code, NEW.category_code, NEW.type, NEW.channel,
            NEW.received_at) THEN
            RETURN NULL;
        END IF;
        PERFORM report_apply(OLD, -1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM report_apply(OLD, -1);
        RETURN NULL;
    END IF;
    PERFORM report_apply(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER requests_report_rollups
    AFTER INSERT OR UPDATE OR DELETE ON requests
    FOR EACH ROW EXECUTE FUNCTION report_rollups_follow_requests();

-- Recomputes every rollup from requests with set operations (a backfill, or a bulk load
-- with the trigger disabled). Takes a lock so that no act changes requests meanwhile.
CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
           forward_count > 0 AS forwarded, late_forward, reopen_count > 0 AS reopened
    FROM requests;

    INSERT INTO report_daily (grouping_set, received_on, region_code, branch_code, category_code, type, channel,
        received, withdrawn, submitted, registered, in_progress, resolved, closed, decided_on_time, decided_late,
        satisfied, partially_satisfied, explained, rejected, forwarded, late_forwarded, reopened, ever_decided)
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
        count(*) FILTER (WHERE live = 1 AND reopened), count(*) FILTER (WHERE live = 1 AND (decided OR reopened))
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
