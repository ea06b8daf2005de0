-- The citizen's answer to a decision (APPC Art. 91): satisfied or not, a rating, and a
-- comment in the history. The latest answer to the decision in force is kept on the request;
-- a complaint (not satisfied, with a comment) reopens it at the branch above and is flagged.
ALTER TABLE requests
    ADD COLUMN feedback_satisfied boolean,
    ADD COLUMN feedback_rating    smallint CHECK (feedback_rating BETWEEN 1 AND 5),
    ADD COLUMN feedback_at        timestamptz,
    ADD COLUMN complaint          boolean NOT NULL DEFAULT false,
    -- the day a complaint's own term is counted from (null: the term runs from receipt)
    ADD COLUMN term_started_on    date;

-- Resolved requests without an answer close by themselves once the window has passed.
CREATE INDEX requests_resolved_at_idx ON requests (resolved_at, id) WHERE status = 'RESOLVED';
