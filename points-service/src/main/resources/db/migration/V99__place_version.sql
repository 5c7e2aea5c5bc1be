-- How many times households have changed places (a household moved to another grid, villages merged): bumped in the
-- transaction that changes them. Every node's ranking projection compares it once per batch with the count it last
-- saw, and forgets the places it keeps when it differs, so no node counts a moved household where it was before.
CREATE TABLE place_version (
    id      smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version bigint   NOT NULL
);
INSERT INTO place_version (id, version) VALUES (1, 0);
