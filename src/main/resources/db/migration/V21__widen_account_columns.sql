-- A citizen account is the token's issuer and subject together (OpenID Connect allows a
-- subject of 255 characters), and history names an actor by role and subject. Widening a
-- varchar is a catalogue change only: no table is rewritten.
ALTER TABLE requests ALTER COLUMN citizen_account TYPE varchar(600);
ALTER TABLE request_history ALTER COLUMN actor TYPE varchar(300);
ALTER TABLE personal_data_access ALTER COLUMN actor TYPE varchar(300);
