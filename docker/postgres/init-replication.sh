#!/bin/bash
# Run by the postgres image on the first start of an empty data volume (docker/compose.yml):
# a role that may stream WAL to the replica, and the pg_hba.conf line that lets it connect
# over the compose network. An existing volume needs the same two steps by hand.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v password="${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
