-- A household's points count where the household is now (issue 13's read side: a view never lies). When it moves to
-- another grid, or its village merges into another (合村并居), its rows and its share of every region's sums move
-- with it, as a replay, which reads every household's place as it is now, would count them.
--
-- Good deeds by civilisation per household, so that a region's counts of them can move with the household.
ALTER TABLE ranking_household
    ADD COLUMN deeds_material   int NOT NULL DEFAULT 0,
    ADD COLUMN deeds_political  int NOT NULL DEFAULT 0,
    ADD COLUMN deeds_spiritual  int NOT NULL DEFAULT 0,
    ADD COLUMN deeds_social     int NOT NULL DEFAULT 0,
    ADD COLUMN deeds_ecological int NOT NULL DEFAULT 0;

-- Where each household is counted in the regions' sizes (ranking_region_size), so that a move can count it out of
-- the old place and into the new.
CREATE TABLE ranking_household_place (
    household_id varchar(40)  PRIMARY KEY,
    grid_id      bigint       NOT NULL,
    region_path  varchar(200) COLLATE "C" NOT NULL
);
INSERT INTO ranking_household_place (household_id, grid_id, region_path)
SELECT id, grid_id, region_path FROM household;

-- Households whose place changed and whose rankings have not moved yet: written in the transaction that moves them
-- (with place_version), taken by the first ranking batch that sees place_version change, on any node.
CREATE TABLE ranking_place_change (
    household_id varchar(40) PRIMARY KEY
);
