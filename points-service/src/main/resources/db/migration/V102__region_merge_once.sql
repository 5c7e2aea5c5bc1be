-- 合村并居 happens to a village once: a second merge of the same village is refused by RegionAdmin.merge (it holds
-- both villages' rows and finds the village retired); this keeps it so whatever writes the table.
create unique index region_merge_from_once on region_merge (from_village);
