-- The answer of a resolve act (up to 8000 characters, like requests.answer) is the note of
-- its history row. Widening a varchar changes the catalogue only.
ALTER TABLE request_history ALTER COLUMN note TYPE varchar(8000);
