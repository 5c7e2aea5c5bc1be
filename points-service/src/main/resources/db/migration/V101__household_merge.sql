-- 合户: the household a merged household went into (HouseholdChanges.merge, in the merge's transaction), so that
-- what still comes back to the merged one, a refund of a checkout it paid before the merge, goes to the household
-- that holds its points now (Households.holderNow). Not a projection: written with the household's status.
create table household_merge (
    household_id varchar(40) primary key references household (id),
    merged_into  varchar(40) not null references household (id),
    merged_at    timestamptz not null default now()
);

-- households merged before this version, from the ledger's record of each closing (AccountClosed)
insert into household_merge (household_id, merged_into)
select e.aggregate_identifier, convert_from(e.payload, 'UTF8')::jsonb -> 'mergedInto' ->> 'value'
from domain_event_entry e
where e.type = 'HouseholdAccount'
  and e.payload_type = 'cn.moralbank.points.ledger.api.AccountClosed'
  and exists (select 1 from household h where h.id = e.aggregate_identifier)
  and exists (select 1 from household h where h.id = convert_from(e.payload, 'UTF8')::jsonb -> 'mergedInto' ->> 'value')
on conflict do nothing;
