-- Read models of the household ledger. Projections of the event store: rebuilt by replay (see docs/operations.md).
create table account_balance (
    household_id   varchar(40) primary key,
    balance        bigint      not null,
    credited       bigint      not null default 0,
    penalised      bigint      not null default 0,
    debited        bigint      not null default 0,
    reversed       bigint      not null default 0,
    entries        int         not null default 0,
    last_entry_at  timestamptz
);

create table passbook_entry (
    event_id      varchar(40)  primary key,
    household_id  varchar(40)  not null,
    seq           bigint       not null,
    entry_id      varchar(100) not null,
    kind          varchar(16)  not null,
    points        bigint       not null,
    balance_after bigint       not null,
    reason        varchar(500) not null default '',
    source        varchar(100) not null default '',
    recorded_by   varchar(100) not null default '',
    recorded_role varchar(32)  not null default '',
    occurred_at   timestamptz  not null,
    constraint passbook_entry_household_seq unique (household_id, seq)
);
