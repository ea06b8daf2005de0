-- Requests (appeals), their append-only history, and idempotency records of submissions.

CREATE SEQUENCE tracking_number_seq AS bigint START 1;

CREATE TABLE requests (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tracking_number       varchar(24)   NOT NULL UNIQUE,
    access_code_hash      varchar(64)      NOT NULL,
    type                  varchar(16)   NOT NULL,
    category_code         varchar(32)   NOT NULL REFERENCES categories (code),
    region_code           varchar(8)    NOT NULL REFERENCES regions (code),
    district_code         varchar(16)   REFERENCES districts (code),
    subject               varchar(200)  NOT NULL,
    description           varchar(4000) NOT NULL,
    address               varchar(500),
    latitude              numeric(9,6),
    longitude             numeric(9,6),
    language              varchar(2)    NOT NULL,
    channel               varchar(10)   NOT NULL,
    publication_consent   boolean       NOT NULL DEFAULT false,
    citizen_full_name     varchar(200)  NOT NULL,
    citizen_iin           varchar(12),
    citizen_phone         varchar(32),
    citizen_email         varchar(254),
    branch_code           varchar(16)   NOT NULL REFERENCES branches (code),
    assignee              varchar(100),
    status                varchar(12)   NOT NULL,
    outcome               varchar(20),
    answer                varchar(8000),
    received_at           timestamptz   NOT NULL,
    due_date              date          NOT NULL,
    statutory_due_date    date          NOT NULL,
    forward_count         integer       NOT NULL DEFAULT 0,
    late_forward          boolean       NOT NULL DEFAULT false,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    withdrawn_at          timestamptz,
    updated_at            timestamptz   NOT NULL,
    version               integer       NOT NULL DEFAULT 0,
    CONSTRAINT requests_type CHECK (type IN ('application', 'complaint', 'proposal', 'inquiry', 'response', 'report')),
    CONSTRAINT requests_language CHECK (language IN ('kk', 'ru', 'en')),
    CONSTRAINT requests_channel CHECK (channel IN ('web', 'mobile', 'phone', 'visit', 'open311')),
    CONSTRAINT requests_status CHECK (status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'WITHDRAWN')),
    CONSTRAINT requests_outcome CHECK (outcome IN ('satisfied', 'partially_satisfied', 'explained', 'rejected')),
    CONSTRAINT requests_decided_has_outcome CHECK ((status IN ('RESOLVED', 'CLOSED')) = (outcome IS NOT NULL AND resolved_at IS NOT NULL)),
    CONSTRAINT requests_closed_at CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CONSTRAINT requests_contact CHECK (citizen_phone IS NOT NULL OR citizen_email IS NOT NULL),
    CONSTRAINT requests_location CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT requests_iin_format CHECK (citizen_iin ~ '^[0-9]{12}$'),
    CONSTRAINT requests_due_after_receipt CHECK (due_date >= statutory_due_date)
);

-- Staff queues: a branch's requests by status, newest or oldest first, or by due date.
CREATE INDEX requests_branch_status_received_idx ON requests (branch_code, status, received_at DESC);
CREATE INDEX requests_branch_due_idx ON requests (branch_code, due_date);
-- National and regional lists by period.
CREATE INDEX requests_received_idx ON requests (received_at DESC);
CREATE INDEX requests_region_received_idx ON requests (region_code, received_at DESC);
CREATE INDEX requests_category_received_idx ON requests (category_code, received_at DESC);
-- Overdue: open requests past their due date (partial: closed ones never qualify).
CREATE INDEX requests_open_due_idx ON requests (due_date)
    WHERE status IN ('SUBMITTED', 'REGISTERED', 'IN_PROGRESS');
-- Text query on the subject.
CREATE INDEX requests_subject_fts_idx ON requests USING gin (to_tsvector('simple', subject));

CREATE TABLE request_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   bigint        NOT NULL REFERENCES requests (id),
    at           timestamptz   NOT NULL,
    actor        varchar(100)  NOT NULL,
    action       varchar(20)   NOT NULL,
    from_status  varchar(12),
    to_status    varchar(12)   NOT NULL,
    from_branch  varchar(16),
    to_branch    varchar(16)   NOT NULL,
    note         varchar(4000),
    public       boolean       NOT NULL,
    details      jsonb         NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX request_history_request_idx ON request_history (request_id, id);

-- History is append-only: once written, a row is never changed or removed.
CREATE FUNCTION request_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_history is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER request_history_append_only
    BEFORE UPDATE OR DELETE ON request_history
    FOR EACH ROW EXECUTE FUNCTION request_history_is_append_only();
CREATE TRIGGER request_history_no_truncate
    BEFORE TRUNCATE ON request_history
    FOR EACH STATEMENT EXECUTE FUNCTION request_history_is_append_only();

-- A submission's Idempotency-Key: a retry with the same key and body gets the original
-- answer and creates nothing.
CREATE TABLE idempotency_keys (
    idempotency_key varchar(200) PRIMARY KEY,
    body_hash       varchar(64)     NOT NULL,
    request_id      bigint       NOT NULL REFERENCES requests (id),
    response        jsonb        NOT NULL,               -- the original answer, without the access code
    created_at      timestamptz  NOT NULL
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
