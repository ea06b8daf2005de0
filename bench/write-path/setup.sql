-- Lookup tables of bench/write-path.sh, in a schema of their own so that the service's tables
-- stay as the migrations made them. Run with psql -v today=YYYY-MM-DD (a Kazakhstan date).
--
--   bench.routes  the 240 (region, category) pairs with the branch the router picks for them
--                 when no district is given: a rule for the category, else the regional branch
--   bench.due     the due date of a request received today (the 15th working day after today)
--   bench.walk    requests received today that a transition run walks through register,
--                 start_work and resolve, numbered per pool; filled by walk-pool.sql from the
--                 requests the intake runs made (pool 'pgbench' from the pgbench intake,
--                 pool 'service' from the service's), so the two never share a request
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.routes AS
SELECT row_number() OVER (ORDER BY g.code, c.code)::integer AS idx, g.code AS region_code, g.prefix,
       c.code AS category_code,
       coalesce((SELECT r.branch_code FROM routing_rules r JOIN branches b ON b.code = r.branch_code AND b.active
                 WHERE r.region_code = g.code AND r.district_code IS NULL
                   AND (r.category_code IS NULL OR r.category_code = c.code)
                 ORDER BY (r.category_code IS NOT NULL) DESC LIMIT 1),
                (SELECT b.code FROM branches b WHERE b.region_code = g.code AND b.kind = 'regional' AND b.active))
           AS branch_code
FROM regions g CROSS JOIN categories c
WHERE c.active;
ALTER TABLE bench.routes ADD PRIMARY KEY (idx);

CREATE TABLE bench.due AS
SELECT d::date AS due_date
FROM generate_series(DATE :'today' + 1, DATE :'today' + 90, interval '1 day') AS d
LEFT JOIN calendar_days c ON c.day = d::date
WHERE coalesce(c.working, extract(isodow FROM d) < 6)
ORDER BY d OFFSET 14 LIMIT 1;

CREATE TABLE bench.walk (
    pool            text        NOT NULL,
    k               integer     NOT NULL,
    request_id      bigint      NOT NULL,
    tracking_number varchar(24) NOT NULL,
    branch_code     varchar(16) NOT NULL,
    PRIMARY KEY (pool, k)
);
-- The next request a pgbench client walks.
CREATE SEQUENCE bench.next_walk;
ANALYZE bench.routes;
