-- The notification outbox: each public act writes the messages it owes the citizen here, in
-- the act's own transaction, one row per event and channel (so a repeated insert of the same
-- event is refused); the relay sends them afterwards. The text is rendered when the act is
-- recorded, so the row holds everything the relay needs. The recipient is personal data;
-- last_error never holds any.
CREATE TABLE notification_outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    history_id       bigint        NOT NULL REFERENCES request_history (id),
    request_id       bigint        NOT NULL REFERENCES requests (id),
    tracking_number  varchar(24)   NOT NULL,
    channel          varchar(5)    NOT NULL,
    recipient        varchar(254)  NOT NULL,
    language         varchar(2)    NOT NULL,
    action           varchar(20)   NOT NULL,
    subject          varchar(300)  NOT NULL,
    body             text          NOT NULL,
    status           varchar(7)    NOT NULL DEFAULT 'pending',
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    last_error       varchar(500),
    created_at       timestamptz   NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT notification_outbox_once UNIQUE (history_id, channel),
    CONSTRAINT notification_outbox_channel CHECK (channel IN ('email', 'sms')),
    CONSTRAINT notification_outbox_language CHECK (language IN ('kk', 'ru', 'en')),
    CONSTRAINT notification_outbox_status CHECK (status IN ('pending', 'sent', 'failed')),
    CONSTRAINT notification_outbox_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CONSTRAINT notification_outbox_attempts CHECK (attempts >= 0)
);
-- The relay's claim: the pending rows that are due, oldest first.
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';
-- The administrators' list of parked rows.
CREATE INDEX notification_outbox_failed_idx ON notification_outbox (id) WHERE status = 'failed';

-- A request's notifications (the foreign key's own index: deleting or checking a request
-- never scans the outbox).
CREATE INDEX notification_outbox_request_idx ON notification_outbox (request_id);
