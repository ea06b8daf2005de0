-- How many times a decision on the request was taken back (reopen). Kept by the database:
-- the move RESOLVED -> IN_PROGRESS is a reopen, whichever code path makes it. Reports need
-- it for the reopen rate; the application never writes it.
ALTER TABLE requests ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;

CREATE FUNCTION requests_count_reopen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'RESOLVED' AND NEW.status = 'IN_PROGRESS' THEN
        NEW.reopen_count := OLD.reopen_count + 1;
    ELSE
        NEW.reopen_count := OLD.reopen_count;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER requests_count_reopen
    BEFORE UPDATE ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_count_reopen();
