-- Numbers the requests still SUBMITTED that one intake run made today as the walk pool of
-- the transition run that follows. psql -v pool=pgbench|service -v subject='Prefix%' -v today=...
\set ON_ERROR_STOP 1
DELETE FROM bench.walk WHERE pool = :'pool';
INSERT INTO bench.walk (pool, k, request_id, tracking_number, branch_code)
SELECT :'pool', row_number() OVER (ORDER BY id), id, tracking_number, branch_code
FROM requests
WHERE received_at >= DATE :'today'::timestamp AT TIME ZONE 'Asia/Almaty'
  AND status = 'SUBMITTED' AND version = 0 AND subject LIKE :'subject';
ANALYZE bench.walk;
SELECT count(*) FROM bench.walk WHERE pool = :'pool';
