-- Results of verify (the views compared with the event store): by the nightly job, the operations page's
-- "verify now", or the verify command. The operations page and the health indicator read the latest.
create table verify_run (
    id            bigserial    primary key,
    trigger       varchar(10)  not null,  -- SCHEDULED, MANUAL, COMMAND
    requested_by  varchar(100) not null default '',
    node          varchar(100) not null default '',
    started_at    timestamptz  not null,
    finished_at   timestamptz,
    outcome       varchar(10)  not null,  -- RUNNING, CLEAN, DIFFERENT, UNSETTLED, FAILED
    position      bigint       not null default 0,
    households    bigint       not null default 0,
    stock_rows    bigint       not null default 0,
    vouchers      bigint       not null default 0,
    missing       bigint       not null default 0,
    different     bigint       not null default 0,
    unsettled     bigint       not null default 0,
    error         varchar(1000)
);
create index verify_run_started on verify_run (started_at desc);

-- The first differences of a run (moralbank.verify.kept, 200 by default), with where each lies: the page shows a
-- county office only those of its own county.
create table verify_difference (
    run_id       bigint       not null references verify_run (id) on delete cascade,
    ord          int          not null,
    area         varchar(10)  not null,
    subject      varchar(100) not null,
    field        varchar(40)  not null,
    ledger_value varchar(100) not null,
    view_value   varchar(100) not null,
    region_path  varchar(200),
    primary key (run_id, ord)
);
