-- Command-side table of every entry each household account has booked (RememberedEntries, LedgerEntryTable): read
-- and written by the account's command handlers in the command's own transaction, so an event is never stored
-- without its entry. Before it, the account's snapshot carried all of its entries (revision 3), and a ten-year
-- account loaded several times slower than a new one. Not a replayed projection: it is as old as the events it
-- mirrors, and filled here once from the events already stored (no replay needed).
create table ledger_entry (
    household_id      varchar(40)  not null,
    entry_id          varchar(100) not null,
    kind              varchar(20)  not null,
    -- the points the command asked for (0 for a reversal)
    requested         bigint       not null,
    -- the signed change to the balance (0 for a refused debit)
    change            bigint       not null,
    -- for a reversal: the entry it undid
    original_entry_id varchar(100),
    -- the reversal that undid this entry
    reversed_by       varchar(100),
    balance_after     bigint       not null,
    refused           boolean      not null,
    primary key (household_id, entry_id)
);

-- The entries of the events written before this version, as RememberedEntry.bookedBy maps them (payloads are JSON:
-- ids as {"value": ...}). The account's opening and closing book no entry.
insert into ledger_entry (household_id, entry_id, kind, requested, change, original_entry_id, reversed_by,
                          balance_after, refused)
select household_id,
       case event when 'EntryReversed' then p -> 'reversalId' ->> 'value' else p -> 'entryId' ->> 'value' end,
       case event
           when 'PointsCredited' then 'CREDIT'
           when 'PointsPenalised' then 'PENALTY'
           when 'PointsDebited' then 'DEBIT'
           when 'DebitRefused' then 'DEBIT'
           when 'EntryReversed' then 'REVERSAL'
           when 'BalanceCarriedOver' then 'CARRIED_OVER'
           when 'PointsTransferredOut' then 'TRANSFER_OUT'
           when 'PointsTransferredIn' then 'TRANSFER_IN'
       end,
       case event when 'EntryReversed' then 0 else (p ->> 'points')::bigint end,
       case
           when event in ('PointsPenalised', 'PointsDebited', 'PointsTransferredOut') then -(p ->> 'points')::bigint
           when event = 'DebitRefused' then 0
           else (p ->> 'points')::bigint
       end,
       case event when 'EntryReversed' then p -> 'originalEntryId' ->> 'value' end,
       null,
       case event when 'DebitRefused' then (p ->> 'balance')::bigint else (p ->> 'balanceAfter')::bigint end,
       event = 'DebitRefused'
from (select aggregate_identifier                           as household_id,
             substring(payload_type from '[^.]+$')          as event,
             convert_from(payload, 'UTF8')::jsonb           as p
      from domain_event_entry
      where type = 'HouseholdAccount'
        and payload_type in ('cn.moralbank.points.ledger.api.PointsCredited',
                             'cn.moralbank.points.ledger.api.PointsPenalised',
                             'cn.moralbank.points.ledger.api.PointsDebited',
                             'cn.moralbank.points.ledger.api.DebitRefused',
                             'cn.moralbank.points.ledger.api.EntryReversed',
                             'cn.moralbank.points.ledger.api.BalanceCarriedOver',
                             'cn.moralbank.points.ledger.api.PointsTransferredOut',
                             'cn.moralbank.points.ledger.api.PointsTransferredIn')) booked;

update ledger_entry reversed
set reversed_by = reversal.entry_id
from ledger_entry reversal
where reversal.kind = 'REVERSAL'
  and reversal.household_id = reversed.household_id
  and reversal.original_entry_id = reversed.entry_id;
