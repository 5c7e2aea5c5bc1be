-- Secondary indexes of read models that a full rebuild (replay) drops while it refills their tables, and builds again
-- when it is done (docs/operations.md, "Rebuilding read models"). Their definitions are kept here, written in the
-- transaction that drops them, so the indexes of a rebuild stopped half-way are built at the next start.
CREATE TABLE deferred_index (
    name       varchar(63) PRIMARY KEY,
    definition text        NOT NULL
);
