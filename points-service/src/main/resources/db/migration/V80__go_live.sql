-- Go live (issue 15): a city above counties, regions retired and villages merged (合村并居), the one-time setup,
-- and county settings with validity dates and their audit trail.
alter table region drop constraint region_level_check;
alter table region add constraint region_level_check
    check (level in ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID'));
-- a retired region keeps its rows and history (rankings of past periods stay as they were) but takes no new work
alter table region add column retired_on date;
alter table region add column merged_into bigint references region (id);

-- 合村并居: one village merged into another on a date; its grids, households and supermarket moved to the other
create table region_merge (
    id           bigserial   primary key,
    from_village bigint      not null references region (id),
    into_village bigint      not null references region (id),
    merged_on    date        not null,
    merged_by    varchar(50) not null,
    merged_at    timestamptz not null default now(),
    households   int         not null,
    grids        int         not null
);

-- the one-time setup of a real database (java -jar moral-bank.jar setup): at most one row, ever
create table setup_done (
    id         int          primary key check (id = 1),
    top_region bigint       not null references region (id),
    first_user varchar(50)  not null,
    done_at    timestamptz  not null default now()
);

-- Each county setting as a history of values, each in force from a date: the value on a day is the latest change
-- whose effective_from is on or before it. The rows are the audit trail too (who, when, before, after).
create table county_setting_change (
    id             bigserial    primary key,
    county_id      bigint       not null references region (id),
    name           varchar(32)  not null check (name in ('NOTICE_DAYS', 'BASE_SCORE', 'BLOCK_BELOW_STARS',
                                                          'RECOVERY_POINTS', 'REPORT_SCHEDULE', 'DISPLAY_NAME')),
    value_before   varchar(200),
    value_after    varchar(200) not null,
    effective_from date         not null,
    changed_by     varchar(50)  not null,
    changed_at     timestamptz  not null
);
create index county_setting_change_lookup on county_setting_change (county_id, name, effective_from desc, id desc);
