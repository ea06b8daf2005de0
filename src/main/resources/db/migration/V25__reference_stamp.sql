-- One number that changes whenever reference data changes: regions, districts, branches,
-- categories, routing rules or the working-day calendar, whatever wrote it (the
-- administration API, a migration, psql). Every instance keeps these tables in memory and
-- reloads them when the stamp moves, so intake reads none of them per submission. Such
-- changes are rare, so the one row is not a hot row.
CREATE TABLE reference_stamp (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    stamp    bigint  NOT NULL
);
INSERT INTO reference_stamp (stamp) VALUES (1);

CREATE FUNCTION reference_stamp_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_stamp SET stamp = stamp + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER regions_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
CREATE TRIGGER districts_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
CREATE TRIGGER branches_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON branches
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
CREATE TRIGGER categories_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
CREATE TRIGGER routing_rules_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
CREATE TRIGGER calendar_days_move_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
    FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_move();
