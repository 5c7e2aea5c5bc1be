-- Go live, second part (issue 15): a person's phone (people import); the audit trail of a household's changes
-- that are not ledger entries of their own: marked moved out (迁出), an opening balance booked on its page or
-- corrected by a reversal, or imported (who, when, why, before, after; the ledger entry's id where there is one).
alter table person add column phone varchar(20);

create table household_change (
    id           bigserial    primary key,
    household_id varchar(40)  not null references household (id),
    action       varchar(24)  not null,
    changed_by   varchar(50)  not null,
    changed_role varchar(24)  not null,
    changed_at   timestamptz  not null default now(),
    reason       varchar(200) not null default '',
    before_state varchar(500) not null default '',
    after_state  varchar(500) not null default '',
    entry_id     varchar(100),
    -- the paper passbook an opening balance came from: the same passbook is not carried over twice in a village
    passbook_number varchar(30)
);
create index household_change_household on household_change (household_id, changed_at);
