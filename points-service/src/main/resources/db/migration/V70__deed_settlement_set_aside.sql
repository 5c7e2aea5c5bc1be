-- A due deed the notice-period job could not settle (a refusal of the ledger or of the deed): set aside so that the
-- job goes on with the others, and shown to the office (issue 14: 500 such deeds would block every settlement).
-- Not a projection: the job writes it in its own transaction, the office clears a row to have the deed tried again.
CREATE TABLE deed_settlement_set_aside (
    deed_id      text PRIMARY KEY,
    village_path text        NOT NULL,
    attempts     integer     NOT NULL,
    error        text        NOT NULL,
    first_failed timestamptz NOT NULL,
    last_failed  timestamptz NOT NULL
);
CREATE INDEX deed_settlement_set_aside_village ON deed_settlement_set_aside (village_path text_pattern_ops);
