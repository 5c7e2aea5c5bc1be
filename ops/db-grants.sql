-- The application role's grants (docs/operations.md, "Database roles and grants").
-- Run as the owner role (the one that owns the schema and runs the Flyway migrations), connected to the
-- application's database, after the first migration:  psql -U moralbank_owner -d moralbank -f ops/db-grants.sql
-- The application role itself is created once by the DBA:  CREATE ROLE moralbank_app LOGIN PASSWORD '…';
-- EventStoreGrantsTest runs this very file.

GRANT USAGE ON SCHEMA public TO moralbank_app;

-- read models, master data, tokens, snapshots: the application reads and writes them (replay clears them)
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO moralbank_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO moralbank_app;

-- the event store: read and append, nothing else (the V14 trigger refuses the rest for every role, the owner too)
REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM moralbank_app;

-- the audit of dead-letter retries and evictions (V40): written, never rewritten
REVOKE UPDATE, DELETE, TRUNCATE ON dead_letter_action FROM moralbank_app;

-- the definitions of the indexes a rebuild set aside (V98) are run by the owner: only the owner writes them
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON deferred_index FROM moralbank_app;

-- the migrations' history belongs to the owner: the application only reads it (Flyway checks it on start)
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM moralbank_app;

-- tables and sequences of later migrations (created by the owner) get the same grants
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO moralbank_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO moralbank_app;
