-- Rows and bytes per row of every table (a partitioned table summed over its partitions):
-- heap (pg_relation_size), TOAST and maps (pg_table_size - heap), indexes (pg_indexes_size),
-- total (pg_total_relation_size). Used by docs/SCALING.md.
--   psql -d citizen_bench -f bench/scale/measure.sql
\pset pager off
SELECT c.relname AS table, x.n AS rows,
       s.heap, s.table_size - s.heap AS toast_maps, s.indexes, s.total,
       round(s.heap::numeric / nullif(x.n, 0), 1) AS heap_per_row,
       round(s.indexes::numeric / nullif(x.n, 0), 1) AS indexes_per_row,
       round(s.total::numeric / nullif(x.n, 0), 1) AS total_per_row
FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
CROSS JOIN LATERAL (
    SELECT sum(pg_relation_size(t.relid)) AS heap, sum(pg_table_size(t.relid)) AS table_size,
           sum(pg_indexes_size(t.relid)) AS indexes, sum(pg_total_relation_size(t.relid)) AS total
    FROM (SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf UNION SELECT c.oid WHERE c.relkind = 'r') t) s
CROSS JOIN LATERAL (SELECT (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname),
                                                                false, true, '')))[1]::text::bigint AS n) x
WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY s.total DESC;
