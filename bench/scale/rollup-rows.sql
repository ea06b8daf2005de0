-- Rollup rows a year at another volume, from the generated set: a day at V requests a year
-- holds about as many distinct rollup keys as W consecutive days of this set, where W is V / 365
-- divided by this set's requests per day. So the distinct keys (without the day) over windows of
-- W days, times 365, estimate the rows a year at V. Three windows each, ending 60 days or more
-- before the set's last day (the last weeks are mostly undecided).
--   psql -d citizen_bench -f bench/scale/rollup-rows.sql
\pset pager off
WITH per_day AS (
    SELECT count(*)::numeric / (max(received_at)::date - min(received_at)::date + 1) AS requests_per_day FROM requests
), volumes(volume) AS (VALUES (400000), (4400000), (40000000)),
windows AS (
    SELECT v.volume, greatest(1, round(v.volume / 365.0 / p.requests_per_day))::integer AS days, p.requests_per_day
    FROM volumes v, per_day p
), starts AS (
    SELECT w.*, (SELECT max(received_on) FROM report_daily) - 60 - w.days * k AS first_day
    FROM windows w, generate_series(1, 3) AS k
)
SELECT s.volume, s.days AS window_days, round(s.requests_per_day) AS set_requests_per_day,
       round(avg((SELECT count(*) FROM (SELECT DISTINCT grouping_set, region_code, branch_code, category_code, type, channel
                                       FROM report_daily d
                                       WHERE d.received_on > s.first_day AND d.received_on <= s.first_day + s.days) x)) * 365) AS daily_rows_a_year,
       round(avg((SELECT count(*) FROM (SELECT DISTINCT grouping_set, region_code, branch_code, category_code, type, channel, working_days
                                       FROM report_decision_days d
                                       WHERE d.received_on > s.first_day AND d.received_on <= s.first_day + s.days) x)) * 365) AS decision_days_rows_a_year
FROM starts s GROUP BY s.volume, s.days, s.requests_per_day ORDER BY s.volume;
