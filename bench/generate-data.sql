-- Synthetic national history for the report benchmark; run by bench/generate-data.sh.
-- Five years up to yesterday, all 20 regions weighted by population, winter peak and summer
-- trough, fewer on weekends and holidays, growth year on year; 15-working-day deadlines from
-- the working calendar; a realistic status mix (old requests mostly closed, a few stragglers
-- open and overdue, recent ones still in work), outcomes, forwards, extensions, withdrawals
-- and reopens; a history row for every act that happened (submit, forward, resolve, reopen,
-- close, withdraw, escalate). The deadline watch's work is done as a running service would have
-- done it: every open request past its due date is escalated once (the day after the due date),
-- and a decision the citizen did not answer within the 30 days of the answer window is closed
-- by the system; otherwise a service started on the data would spend its first minutes catching
-- up on a backlog that production never has, and a benchmark would measure that instead.
-- No personal data of real people: names and phones are placeholders.
\timing on
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
SET synchronous_commit = off;

\echo '-- load mode: rollup trigger off, secondary indexes and the history foreign key dropped'
ALTER TABLE requests DISABLE TRIGGER requests_report_rollups;
DROP INDEX requests_branch_status_received_idx, requests_branch_due_idx, requests_received_idx,
    requests_region_received_idx, requests_category_received_idx, requests_open_due_idx, requests_subject_fts_idx,
    request_history_request_idx;
ALTER TABLE request_history DROP CONSTRAINT request_history_request_id_fkey;

-- Days: weight = season x weekday x holiday x growth; the count of each day is its share of the total.
CREATE TEMPORARY TABLE gen_days AS
WITH days AS (
    SELECT d::date AS day,
           (1 + 0.25 * cos(2 * pi() * (extract(doy FROM d) - 20) / 365.0))
         * CASE extract(isodow FROM d) WHEN 6 THEN 0.35 WHEN 7 THEN 0.25 ELSE 1 END
         * CASE WHEN c.working = false THEN 0.3 ELSE 1 END
         * (1 + 0.10 * (d::date - (current_date - interval '5 years')::date) / 365.0) AS weight
    FROM generate_series((current_date - interval '5 years')::date, current_date - 1, interval '1 day') AS d
    LEFT JOIN calendar_days c ON c.day = d::date
), counted AS (
    SELECT day, round(:millions * 1000000.0 * weight / sum(weight) OVER ())::bigint AS n FROM days
)
SELECT day, n, sum(n) OVER (ORDER BY day) - n + 1 AS first_n FROM counted;

-- Working-day ordinals, to add working days to a date with two joins.
CREATE TEMPORARY TABLE gen_wd AS
SELECT d::date AS day, coalesce(c.working, extract(isodow FROM d) < 6) AS working,
       (count(*) FILTER (WHERE coalesce(c.working, extract(isodow FROM d) < 6)) OVER (ORDER BY d))::integer AS ordinal
FROM generate_series((current_date - interval '5 years')::date, current_date + 200, interval '1 day') AS d
LEFT JOIN calendar_days c ON c.day = d::date;
CREATE TEMPORARY TABLE gen_wd_nth AS SELECT ordinal, day FROM gen_wd WHERE working;
CREATE UNIQUE INDEX ON gen_wd (day);
CREATE UNIQUE INDEX ON gen_wd_nth (ordinal);
ANALYZE gen_wd; ANALYZE gen_wd_nth;

-- Regions by population share (width_bucket picks one), with their regional and district branches.
CREATE TEMPORARY TABLE gen_regions AS
WITH shares(code, share) AS (VALUES
    ('KZ-75', 11.3), ('KZ-61', 10.3), ('KZ-71', 7.5), ('KZ-19', 7.6), ('KZ-79', 6.0), ('KZ-31', 6.0),
    ('KZ-35', 5.6), ('KZ-15', 4.6), ('KZ-39', 4.2), ('KZ-43', 4.1), ('KZ-55', 3.8), ('KZ-47', 3.9),
    ('KZ-23', 3.5), ('KZ-27', 3.4), ('KZ-63', 3.6), ('KZ-11', 3.9), ('KZ-33', 3.5), ('KZ-10', 3.1),
    ('KZ-59', 2.7), ('KZ-62', 1.1))
SELECT row_number() OVER (ORDER BY s.code)::integer AS idx, s.code, r.prefix,
       sum(s.share) OVER (ORDER BY s.code) / sum(s.share) OVER () - s.share / sum(s.share) OVER () AS lo,
       (SELECT b.code FROM branches b WHERE b.region_code = s.code AND b.kind = 'regional') AS regional_branch,
       ARRAY(SELECT b.code FROM branches b WHERE b.region_code = s.code AND b.kind = 'district' ORDER BY b.code) AS district_branches,
       ARRAY(SELECT b.district_code FROM branches b WHERE b.region_code = s.code AND b.kind = 'district' ORDER BY b.code) AS districts
FROM shares s JOIN regions r ON r.code = s.code;
SELECT array_agg(lo ORDER BY idx) AS lows FROM gen_regions \gset region_

\echo '-- requests'
INSERT INTO requests (tracking_number, access_code_hash, type, category_code, region_code, district_code, subject,
    description, language, channel, publication_consent, citizen_full_name, citizen_phone, branch_code, status,
    outcome, answer, received_at, due_date, statutory_due_date, forward_count, late_forward, resolved_at,
    closed_at, withdrawn_at, escalated_at, updated_at, version, reopen_count)
SELECT g.prefix || '-' || extract(year FROM x.day) || '-' || lpad(x.n::text, 8, '0'),
       'bench0000000000000000000000000000000000000000000000000000000000',
       x.type, x.category, g.code,
       CASE WHEN x.to_district AND NOT x.forwarded THEN g.districts[1 + (x.district_idx - 1) % greatest(cardinality(g.districts), 1)] END,
       'Synthetic request ' || x.n, 'Synthetic request for the report benchmark.',
       x.language, x.channel, false, 'Bench Citizen', '+7 700 000 0000',
       coalesce(CASE WHEN x.to_district OR x.forwarded
                     THEN g.district_branches[1 + (x.district_idx - 1) % greatest(cardinality(g.district_branches), 1)] END,
                g.regional_branch),
       x.status, x.outcome,
       CASE WHEN x.outcome IS NOT NULL THEN 'Synthetic answer.' END,
       x.received_at, x.due_date, x.statutory_due_date,
       (x.forwarded AND cardinality(g.district_branches) > 0)::integer,
       x.forwarded AND cardinality(g.district_branches) > 0 AND x.late_forward,
       x.resolved_at, x.closed_at, x.withdrawn_at,
       CASE WHEN x.status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS') AND x.due_date < current_date
            THEN least((x.due_date + 1 + time '00:15') AT TIME ZONE 'Asia/Almaty', now()) END,
       coalesce(x.closed_at, x.resolved_at, x.withdrawn_at, x.received_at), 0,
       CASE WHEN x.status IN ('RESOLVED', 'CLOSED') AND x.u_reopen < 0.015 THEN 1 ELSE 0 END
FROM (
    SELECT f.*,
           CASE WHEN f.status IN ('RESOLVED', 'CLOSED') THEN
               (f.decided_on + time '10:00' + f.u_time * interval '7 hours') AT TIME ZONE 'Asia/Almaty' END AS resolved_at,
           -- closed by staff five days after the decision, or by the system once the answer window passed
           CASE WHEN f.status = 'CLOSED' AND f.u_close < 0.92 THEN
                    (f.decided_on + 5 + time '12:00') AT TIME ZONE 'Asia/Almaty'
                WHEN f.status = 'CLOSED' THEN
                    least((f.decided_on + 30 + time '00:30') AT TIME ZONE 'Asia/Almaty', now()) END AS closed_at,
           CASE WHEN f.status = 'WITHDRAWN' THEN f.received_at + interval '2 days' END AS withdrawn_at,
           CASE WHEN f.status IN ('RESOLVED', 'CLOSED') THEN
               (ARRAY['satisfied', 'partially_satisfied', 'explained', 'rejected'])[width_bucket(f.u_outcome, ARRAY[0, 0.42, 0.56, 0.89])]
           END AS outcome
    FROM (
        SELECT e.*,
               CASE
                   WHEN e.u_fate < 0.02 THEN 'WITHDRAWN'
                   WHEN e.u_fate < 0.024 OR e.decided_on >= current_date THEN
                       CASE WHEN e.age = 0 THEN 'SUBMITTED' WHEN e.age = 1 THEN 'REGISTERED' ELSE 'IN_PROGRESS' END
                   WHEN e.decided_on + 7 < current_date AND e.u_close < 0.92 THEN 'CLOSED'
                   WHEN e.decided_on + 29 < current_date THEN 'CLOSED'
                   ELSE 'RESOLVED'
               END AS status
        FROM (
            SELECT b.*,
                   (b.day + time '09:00' + b.u_time * interval '9 hours') AT TIME ZONE 'Asia/Almaty' AS received_at,
                   due.day AS statutory_due_date,
                   CASE WHEN b.u_extend < 0.03 THEN ext.day ELSE due.day END AS due_date,
                   dec.day AS decided_on,
                   greatest((SELECT ordinal FROM gen_wd WHERE day = current_date) - wd.ordinal, 0) AS age
            FROM (
                SELECT d.day, seq.n,
                       width_bucket(random(), :'region_lows'::float8[]) AS region_idx,
                       (ARRAY['housing_utilities', 'roads_transport', 'healthcare', 'education', 'social_support',
                              'employment', 'land_property', 'public_safety', 'ecology', 'agriculture',
                              'business_support', 'other'])[width_bucket(random(),
                              ARRAY[0, 0.24, 0.39, 0.49, 0.57, 0.68, 0.75, 0.83, 0.87, 0.91, 0.95, 0.97])] AS category,
                       (ARRAY['application', 'complaint', 'proposal', 'inquiry', 'response', 'report'])[width_bucket(random(),
                              ARRAY[0, 0.45, 0.72, 0.80, 0.93, 0.96])] AS type,
                       (ARRAY['web', 'mobile', 'phone', 'visit', 'open311'])[width_bucket(random(),
                              ARRAY[0, 0.40, 0.70, 0.82, 0.95])] AS channel,
                       (ARRAY['kk', 'ru', 'en'])[width_bucket(random(), ARRAY[0, 0.55, 0.99])] AS language,
                       random() < 0.25 AS to_district,
                       random() < 0.07 AS forwarded,
                       random() < 0.2 AS late_forward,
                       1 + floor(random() * 3)::integer AS district_idx,
                       -- working days to the decision: most within the 15, 7 percent later
                       CASE WHEN random() < 0.07 THEN 16 + floor(random() * 20)::integer
                            ELSE 1 + floor(random() * random() * 15 + random() * 5)::integer END AS k,
                       random() AS u_time, random() AS u_fate, random() AS u_close, random() AS u_outcome,
                       random() AS u_extend, random() AS u_reopen
                FROM gen_days d, generate_series(d.first_n, d.first_n + d.n - 1) AS seq(n)
            ) b
            JOIN gen_wd wd ON wd.day = b.day
            JOIN gen_wd_nth due ON due.ordinal = wd.ordinal + 15
            JOIN gen_wd_nth ext ON ext.ordinal = wd.ordinal + 25
            JOIN gen_wd_nth dec ON dec.ordinal = wd.ordinal + least(b.k + CASE WHEN b.u_extend < 0.03 THEN 6 ELSE 0 END, 160)
        ) e
    ) f
) x
JOIN gen_regions g ON g.idx = x.region_idx
ORDER BY x.n;

SELECT setval('tracking_number_seq', (SELECT count(*) FROM requests) + 1);

\echo '-- the yearly partitions of the history and the access log for the years loaded (migration V35)'
SELECT count(*) FILTER (WHERE yearly_partition_create(t, y)) AS partitions_created
FROM unnest(ARRAY['request_history', 'personal_data_access']) AS t,
     generate_series(extract(year FROM current_date - interval '5 years')::integer, extract(year FROM current_date)::integer) AS y;

\echo '-- history: submit, forward, resolve (and reopen), close, withdraw'
INSERT INTO request_history (request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note,
    public, details)
SELECT r.id, a.at, a.actor, a.action, a.from_status, a.to_status, a.from_branch, r.branch_code, NULL,
       a.action <> 'escalate', a.details
FROM requests r
JOIN gen_regions g ON g.code = r.region_code
CROSS JOIN LATERAL (VALUES
    (1, r.received_at, 'citizen', 'submit', NULL, 'SUBMITTED',
        NULL, jsonb_build_object('dueDate', r.statutory_due_date, 'channel', r.channel), true),
    (2, r.received_at + interval '1 day', 'staff', 'forward', 'SUBMITTED', 'SUBMITTED',
        g.regional_branch, jsonb_build_object('late', r.late_forward), r.forward_count > 0),
    (3, r.resolved_at - interval '3 days', 'staff', 'resolve', 'IN_PROGRESS', 'RESOLVED',
        NULL, '{"outcome": "explained"}'::jsonb, r.reopen_count > 0),
    (4, r.resolved_at - interval '2 days', 'staff', 'reopen', 'RESOLVED', 'IN_PROGRESS',
        NULL, '{"previousOutcome": "explained"}'::jsonb, r.reopen_count > 0),
    (5, r.resolved_at, 'staff', 'resolve', 'IN_PROGRESS', 'RESOLVED',
        NULL, jsonb_build_object('outcome', r.outcome), r.resolved_at IS NOT NULL),
    (6, r.closed_at, CASE WHEN r.closed_at - r.resolved_at > interval '20 days' THEN 'system' ELSE 'staff' END,
        'close', 'RESOLVED', 'CLOSED', NULL, '{}'::jsonb, r.closed_at IS NOT NULL),
    (7, r.withdrawn_at, 'citizen', 'withdraw', 'SUBMITTED', 'WITHDRAWN', NULL, '{}'::jsonb, r.withdrawn_at IS NOT NULL),
    (8, r.escalated_at, 'system', 'escalate', r.status, r.status, NULL,
        jsonb_build_object('dueDate', r.due_date), r.escalated_at IS NOT NULL)
) AS a(step, at, actor, action, from_status, to_status, from_branch, details, happened)
WHERE a.happened
ORDER BY r.id, a.step;

\echo '-- indexes and the history foreign key'
CREATE INDEX requests_branch_status_received_idx ON requests (branch_code, status, received_at DESC);
CREATE INDEX requests_branch_due_idx ON requests (branch_code, due_date);
CREATE INDEX requests_received_idx ON requests (received_at DESC);
CREATE INDEX requests_region_received_idx ON requests (region_code, received_at DESC);
CREATE INDEX requests_category_received_idx ON requests (category_code, received_at DESC);
CREATE INDEX requests_open_due_idx ON requests (due_date)
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
CREATE INDEX requests_subject_fts_idx ON requests USING gin (to_tsvector('simple', subject));
CREATE INDEX request_history_request_idx ON request_history (request_id, id);
ALTER TABLE request_history ADD CONSTRAINT request_history_request_id_fkey
    FOREIGN KEY (request_id) REFERENCES requests (id);

\echo '-- rollups (their indexes built after the rebuild)'
SET work_mem = '1GB';
ALTER TABLE report_daily DROP CONSTRAINT report_daily_pkey;
ALTER TABLE report_open_due DROP CONSTRAINT report_open_due_pkey;
ALTER TABLE report_decision_days DROP CONSTRAINT report_decision_days_pkey;
DROP INDEX report_daily_region_idx, report_open_due_region_idx, report_decision_days_region_idx;
SELECT report_rebuild();
ALTER TABLE report_daily ADD PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel);
ALTER TABLE report_open_due ADD PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel, due_date);
ALTER TABLE report_decision_days ADD PRIMARY KEY (grouping_set, received_on, region_code, branch_code, category_code, type, channel, working_days);
CREATE INDEX report_daily_region_idx ON report_daily (grouping_set, region_code, received_on);
CREATE INDEX report_open_due_region_idx ON report_open_due (grouping_set, region_code, received_on);
CREATE INDEX report_decision_days_region_idx ON report_decision_days (grouping_set, region_code, received_on);
SET work_mem = '256MB';
ALTER TABLE requests ENABLE TRIGGER requests_report_rollups;

\echo '-- vacuum and statistics'
VACUUM (ANALYZE) requests;
VACUUM (ANALYZE) request_history;
VACUUM (ANALYZE) report_daily;
VACUUM (ANALYZE) report_open_due;
VACUUM (ANALYZE) report_decision_days;

SELECT (SELECT count(*) FROM requests) AS requests,
       (SELECT count(*) FROM request_history) AS history_rows,
       (SELECT count(*) FROM report_daily) AS report_daily_rows,
       (SELECT count(*) FROM report_open_due) AS report_open_due_rows,
       (SELECT count(*) FROM report_decision_days) AS report_decision_days_rows,
       pg_size_pretty(pg_database_size(current_database())) AS database_size;
SELECT status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS percent FROM requests GROUP BY status ORDER BY 1;
