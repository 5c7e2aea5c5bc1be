-- Reports of a county or township for a week, month, quarter or year: generated on schedule (counties: one per
-- county, kind and period, whichever node gets there first) or on demand (as many as asked for). The figures are kept as JSON beside the
-- workbook, so the printed page and the xlsx show the same numbers whenever they are opened.
create table report (
    id           bigserial     primary key,
    region_id    bigint        not null references region (id),
    kind         varchar(10)   not null check (kind in ('WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY')),
    period       varchar(10)   not null,
    scheduled    boolean       not null,
    generated_by varchar(100)  not null,
    generated_at timestamptz   not null,
    data         text          not null,
    xlsx         bytea         not null
);
create unique index report_scheduled_once on report (region_id, kind, period) where scheduled;
create index report_history on report (region_id, generated_at desc);

-- 督导: a note the county or township office records when it inspects a lagging village.
create table inspection_note (
    id         bigserial     primary key,
    village_id bigint        not null references region (id),
    period     varchar(10)   not null,
    note       varchar(1000) not null,
    written_by varchar(100)  not null,
    written_at timestamptz   not null
);
create index inspection_note_village on inspection_note (village_id, written_at desc);
