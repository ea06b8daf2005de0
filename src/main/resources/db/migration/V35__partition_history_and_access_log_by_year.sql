-- The two append-only logs, request_history and personal_data_access, become tables
-- partitioned by the year of their `at` (the instant of the act, of the opening), one
-- partition per calendar year in Kazakhstan time (Asia/Almaty, where the reports count days)
-- and a DEFAULT partition for an instant outside every year created. Why these two
-- (docs/SCALING.md): they grow with every act and every staff view, their rows are never
-- changed (the triggers refuse it), so a past year's partition is written no more, is
-- vacuumed and frozen once, and leaves by DETACH / DROP when its retention ends; DELETE
-- is refused on them, so dropping a year is the only way out. `requests` stays as it is:
-- its rows change for months, the rollup trigger and every unique key would have to carry
-- the year.
--
-- A primary key of a partitioned table must hold the partition key: (id, at). The id alone
-- stays unique (one identity sequence per table). The only foreign key that pointed at one
-- of them, notification_outbox.history_id, gains the act's instant: (history_id, history_at).
--
-- Rows are moved (INSERT ... SELECT into the new table, then the old one is dropped), so the
-- migration holds both tables' locks while it copies: 28 s for 1.5 M history and 1.5 M
-- access-log rows on the 2-core machine (docs/SCALING.md).
--
-- New years: yearly_partitions_ensure() creates the partitions of the current and the next
-- year that are missing; the service calls it at start and every day (casework/YearlyPartitions),
-- and a transaction-level advisory lock lets one caller at a time create them.

-- The partition of one year of one of the two logs, unless it exists; true when created.
CREATE FUNCTION yearly_partition_create(parent text, year integer) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    partition text := parent || '_y' || year;
    low text := to_char(make_timestamptz(year, 1, 1, 0, 0, 0, 'Asia/Almaty') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00';
    high text := to_char(make_timestamptz(year + 1, 1, 1, 0, 0, 0, 'Asia/Almaty') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00';
BEGIN
    IF parent NOT IN ('request_history', 'personal_data_access') THEN
        RAISE EXCEPTION 'no yearly partitions for %', parent;
    END IF;
    IF to_regclass(partition) IS NOT NULL THEN
        RETURN false;
    END IF;
    -- Takes an ACCESS EXCLUSIVE lock on the parent for a moment, and scans the DEFAULT
    -- partition for rows of the year (it refuses when there are any: see docs/SCALING.md).
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition, parent, low, high);
    -- Row triggers and indexes are cloned from the parent; a TRUNCATE names the partition
    -- itself, so each partition refuses it on its own.
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION refuse_change_of_append_only_table()', partition || '_no_truncate', partition);
    RETURN true;
END;
$$;

-- The partitions of the current year and of `years_ahead` years after it, for both logs; the
-- number created. One caller at a time across instances (the others return 0 at once), and it
-- waits for the parent's lock at most 5 s, so that inserts never queue long behind it.
CREATE FUNCTION yearly_partitions_ensure(years_ahead integer DEFAULT 1) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    this_year integer := extract(year FROM now() AT TIME ZONE 'Asia/Almaty')::integer;
    created integer := 0;
    parent text;
    year integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtextextended('yearly_partitions', 0)) THEN
        RETURN 0;
    END IF;
    PERFORM set_config('lock_timeout', '5s', true);
    FOREACH parent IN ARRAY ARRAY['request_history', 'personal_data_access'] LOOP
        FOR year IN this_year .. this_year + years_ahead LOOP
            IF yearly_partition_create(parent, year) THEN
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END;
$$;

-- request_history ----------------------------------------------------------------------------

ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_history_id_fkey;
ALTER TABLE notification_outbox ADD COLUMN history_at timestamptz;
UPDATE notification_outbox o SET history_at = h.at FROM request_history h WHERE h.id = o.history_id;
ALTER TABLE notification_outbox ALTER COLUMN history_at SET NOT NULL;

ALTER TABLE request_history RENAME TO request_history_unpartitioned;
ALTER SEQUENCE request_history_id_seq RENAME TO request_history_unpartitioned_id_seq;

CREATE TABLE request_history (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    request_id   bigint        NOT NULL,
    at           timestamptz   NOT NULL,
    actor        varchar(300)  NOT NULL,
    action       varchar(20)   NOT NULL,
    from_status  varchar(12),
    to_status    varchar(12)   NOT NULL,
    from_branch  varchar(16),
    to_branch    varchar(16)   NOT NULL,
    note         varchar(8000),
    public       boolean       NOT NULL,
    details      jsonb         NOT NULL DEFAULT '{}'::jsonb,
    integrator_key_id bigint
) PARTITION BY RANGE (at);

-- personal_data_access -----------------------------------------------------------------------

ALTER TABLE personal_data_access RENAME TO personal_data_access_unpartitioned;
ALTER SEQUENCE personal_data_access_id_seq RENAME TO personal_data_access_unpartitioned_id_seq;

CREATE TABLE personal_data_access (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    at              timestamptz  NOT NULL,
    actor           varchar(300) NOT NULL,
    role            varchar(20)  NOT NULL,
    branch_code     varchar(16),
    request_id      bigint       NOT NULL,
    tracking_number varchar(24)  NOT NULL
) PARTITION BY RANGE (at);

-- Partitions: every year present in either log (at most 15 years back; older rows go to the
-- DEFAULT partition), the current year and the next, and the DEFAULT partitions.
DO $$
DECLARE
    this_year integer := extract(year FROM now() AT TIME ZONE 'Asia/Almaty')::integer;
    first_year integer;
BEGIN
    SELECT least(this_year, min(extract(year FROM at AT TIME ZONE 'Asia/Almaty')))::integer INTO first_year
    FROM (SELECT min(at) AS at FROM request_history_unpartitioned
          UNION ALL SELECT min(at) FROM personal_data_access_unpartitioned) firsts;
    FOR year IN greatest(first_year, this_year - 15) .. this_year + 1 LOOP
        PERFORM yearly_partition_create('request_history', year);
        PERFORM yearly_partition_create('personal_data_access', year);
    END LOOP;
END;
$$;
CREATE TABLE request_history_default PARTITION OF request_history DEFAULT;
CREATE TRIGGER request_history_default_no_truncate BEFORE TRUNCATE ON request_history_default
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_table();
CREATE TABLE personal_data_access_default PARTITION OF personal_data_access DEFAULT;
CREATE TRIGGER personal_data_access_default_no_truncate BEFORE TRUNCATE ON personal_data_access_default
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_table();

-- The rows, with their ids; then the sequences go on from the largest id.
INSERT INTO request_history (id, request_id, at, actor, action, from_status, to_status, from_branch, to_branch,
                             note, public, details, integrator_key_id)
OVERRIDING SYSTEM VALUE
SELECT id, request_id, at, actor, action, from_status, to_status, from_branch, to_branch, note, public, details,
       integrator_key_id
FROM request_history_unpartitioned;
SELECT setval(pg_get_serial_sequence('request_history', 'id'),
              greatest((SELECT max(id) FROM request_history), (SELECT last_value FROM request_history_unpartitioned_id_seq)));

INSERT INTO personal_data_access (id, at, actor, role, branch_code, request_id, tracking_number)
OVERRIDING SYSTEM VALUE
SELECT id, at, actor, role, branch_code, request_id, tracking_number FROM personal_data_access_unpartitioned;
SELECT setval(pg_get_serial_sequence('personal_data_access', 'id'),
              greatest((SELECT max(id) FROM personal_data_access), (SELECT last_value FROM personal_data_access_unpartitioned_id_seq)));

DROP TABLE request_history_unpartitioned;
DROP TABLE personal_data_access_unpartitioned;

-- Keys, indexes and triggers as before (built after the copy), now on every partition.
ALTER TABLE request_history ADD CONSTRAINT request_history_pkey PRIMARY KEY (id, at);
ALTER TABLE request_history ADD CONSTRAINT request_history_request_id_fkey
    FOREIGN KEY (request_id) REFERENCES requests (id);
CREATE INDEX request_history_request_idx ON request_history (request_id, id);
-- an integrator's feed of updates (V33, servicerequestupdates)
CREATE INDEX request_history_integrator_public_idx ON request_history (integrator_key_id, at, id)
    WHERE public AND integrator_key_id IS NOT NULL;
CREATE TRIGGER request_history_append_only
    BEFORE UPDATE OR DELETE ON request_history
    FOR EACH ROW EXECUTE FUNCTION request_history_is_append_only();
CREATE TRIGGER request_history_no_truncate
    BEFORE TRUNCATE ON request_history
    FOR EACH STATEMENT EXECUTE FUNCTION request_history_is_append_only();

ALTER TABLE personal_data_access ADD CONSTRAINT personal_data_access_pkey PRIMARY KEY (id, at);
ALTER TABLE personal_data_access ADD CONSTRAINT personal_data_access_request_id_fkey
    FOREIGN KEY (request_id) REFERENCES requests (id);
CREATE INDEX personal_data_access_at_idx ON personal_data_access (at DESC);
CREATE INDEX personal_data_access_tracking_idx ON personal_data_access (tracking_number, at DESC);
CREATE INDEX personal_data_access_actor_idx ON personal_data_access (actor, at DESC);
CREATE TRIGGER personal_data_access_append_only
    BEFORE UPDATE OR DELETE ON personal_data_access
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_table();
CREATE TRIGGER personal_data_access_no_truncate
    BEFORE TRUNCATE ON personal_data_access
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_table();

ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_history_fkey
    FOREIGN KEY (history_id, history_at) REFERENCES request_history (id, at);

-- Autovacuum analyses the partitions but never a partitioned parent; plans that read several
-- partitions use the parent's statistics, so they are gathered here (and after bulk loads).
ANALYZE request_history;
ANALYZE personal_data_access;
