-- Access control: requests owned by a citizen account, the log of staff openings of
-- personal data, and submission rate-limit counters shared by all instances.

ALTER TABLE requests ADD COLUMN citizen_account varchar(100);
CREATE INDEX requests_citizen_account_idx ON requests (citizen_account, received_at DESC)
    WHERE citizen_account IS NOT NULL;

CREATE FUNCTION refuse_change_of_append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;

-- Who opened which request's personal data, and when. Append-only like the history.
CREATE TABLE personal_data_access (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz  NOT NULL,
    actor           varchar(100) NOT NULL,
    role            varchar(20)  NOT NULL,
    branch_code     varchar(16),
    request_id      bigint       NOT NULL REFERENCES requests (id),
    tracking_number varchar(24)  NOT NULL
);
CREATE INDEX personal_data_access_at_idx ON personal_data_access (at DESC);
CREATE INDEX personal_data_access_tracking_idx ON personal_data_access (tracking_number, at DESC);
CREATE INDEX personal_data_access_actor_idx ON personal_data_access (actor, at DESC);
CREATE TRIGGER personal_data_access_append_only
    BEFORE UPDATE OR DELETE ON personal_data_access
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_table();

-- Submissions counted per client key (a hash of the IP or of the citizen's identity)
-- and window; the row is the lock, so the limit holds across instances.
CREATE TABLE rate_limit_counters (
    bucket       varchar(80)  NOT NULL,
    window_start timestamptz  NOT NULL,
    hits         integer      NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_start);
