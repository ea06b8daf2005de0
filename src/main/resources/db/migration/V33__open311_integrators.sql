-- Open311 integrators (FixMyStreet and the like) as a kind of submitter.
--
-- A request filed through an api key remembers the key and the integrator's name at filing:
-- the integrator answers for the contact (a reporter it knows by phone alone may reach us with
-- none), so the contact rule admits such a request without a phone or an e-mail. Its
-- history rows carry the key too, so that the servicerequestupdates feed of one key reads one
-- small partial index, however many requests and acts the country has.
ALTER TABLE requests ADD COLUMN integrator_key_id bigint;
ALTER TABLE requests ADD COLUMN integrator varchar(200);
-- Links to photos the citizen sent (Open311 media_url), one per line; shown to staff only.
ALTER TABLE requests ADD COLUMN media_urls varchar(8200);
ALTER TABLE requests ADD CONSTRAINT requests_integrator_named
    CHECK ((integrator_key_id IS NULL) = (integrator IS NULL)) NOT VALID;
ALTER TABLE requests VALIDATE CONSTRAINT requests_integrator_named;
ALTER TABLE requests DROP CONSTRAINT requests_contact;
ALTER TABLE requests ADD CONSTRAINT requests_contact
    CHECK (citizen_phone IS NOT NULL OR citizen_email IS NOT NULL OR integrator_key_id IS NOT NULL) NOT VALID;
ALTER TABLE requests VALIDATE CONSTRAINT requests_contact;

ALTER TABLE request_history ADD COLUMN integrator_key_id bigint;
CREATE INDEX request_history_integrator_public_idx ON request_history (integrator_key_id, at, id)
    WHERE public AND integrator_key_id IS NOT NULL;

-- An integrator's own daily quota of submissions; null takes
-- citizen-requests.open311.default-daily-quota.
ALTER TABLE open311_api_keys ADD COLUMN daily_quota integer;
ALTER TABLE open311_api_keys ADD CONSTRAINT open311_api_keys_daily_quota CHECK (daily_quota > 0);
