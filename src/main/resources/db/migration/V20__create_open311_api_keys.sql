-- Open311 api_keys: one per integrating client, issued by an administrator. Only the
-- SHA-256 of the key is stored; a revoked key stays listed with its revocation time.
CREATE TABLE open311_api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client      varchar(200) NOT NULL,
    key_hash    varchar(64)  NOT NULL UNIQUE,
    key_prefix  varchar(12)  NOT NULL,              -- the first characters, to tell keys apart in lists
    created_at  timestamptz  NOT NULL,
    revoked_at  timestamptz,
    last_used_at timestamptz,
    CONSTRAINT open311_api_keys_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$')
);
