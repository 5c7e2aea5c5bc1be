-- Read models of the rankings (processing group "rankings"), rebuilt by replay: what households and regions earned
-- per period, pre-aggregated so that a ranking is one indexed read, never a sum over the event store.
-- A period is 'ALL', a year '2026', a quarter '2026-Q4', a month '2026-11' or an ISO week '2026-W48' (for reports).

-- Per household and period. earned = credited - penalised, reversals of either included; never the balance.
-- pts_* are the points of confirmed deeds by civilisation (signed: bad behaviour counts against its category).
create table ranking_household (
    period        varchar(10)  not null,
    household_id  varchar(40)  not null,
    grid_id       bigint       not null,
    -- byte order, so that a scope (a path prefix) is a plain index range even in a prepared statement
    region_path   varchar(200) collate "C" not null,
    earned        bigint       not null default 0,
    credited      bigint       not null default 0,
    penalised     bigint       not null default 0,
    redeemed      bigint       not null default 0,
    deeds         int          not null default 0,
    pts_material  bigint       not null default 0,
    pts_political bigint       not null default 0,
    pts_spiritual bigint       not null default 0,
    pts_social    bigint       not null default 0,
    pts_ecological bigint      not null default 0,
    primary key (period, household_id)
);
-- households within a grid, village or township: the path prefix narrows, then the points order
create index ranking_household_scope on ranking_household (period, region_path, earned desc);
-- households of a whole county: the top of the order, read from the index without sorting
create index ranking_household_top on ranking_household (period, earned desc);

-- Per region (grid, village, township, county) and period: the same sums, plus how many households took part
-- (at least one good deed confirmed in the period) and good deeds by civilisation.
create table ranking_region (
    period           varchar(10) not null,
    region_id        bigint      not null,
    parent_id        bigint,
    level            varchar(16) not null,
    earned           bigint      not null default 0,
    credited         bigint      not null default 0,
    penalised        bigint      not null default 0,
    redeemed         bigint      not null default 0,
    deeds            int         not null default 0,
    participants     int         not null default 0,
    deeds_material   int         not null default 0,
    deeds_political  int         not null default 0,
    deeds_spiritual  int         not null default 0,
    deeds_social     int         not null default 0,
    deeds_ecological int         not null default 0,
    primary key (period, region_id)
);
create index ranking_region_children on ranking_region (period, parent_id);

-- Households with an account under each region: the divisor of "per household" and of participation.
create table ranking_region_size (
    region_id  bigint      primary key,
    parent_id  bigint,
    level      varchar(16) not null,
    households int         not null default 0
);

-- Each deed as the rankings and the grid workers' ratings need it: who reported it, how late, what became of it.
-- status: REPORTED (on its way), CONFIRMED, REJECTED, WITHDRAWN, REVOKED.
create table ranking_deed (
    deed_id       varchar(40)  primary key,
    household_id  varchar(40)  not null,
    region_path   varchar(200) not null,
    reporter      varchar(100) not null,
    reporter_role varchar(24)  not null,
    category      varchar(16)  not null,
    points        bigint       not null,
    deed_date     date         not null,
    reported_on   date         not null,
    status        varchar(10)  not null,
    objected      boolean      not null default false,
    confirmed_on  date
);
create index ranking_deed_reporter on ranking_deed (reporter, reported_on);
