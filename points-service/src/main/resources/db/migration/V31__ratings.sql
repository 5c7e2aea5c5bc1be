-- The county's rating criteria as the county office last set them: master data, copied into each round as it opens
-- (a round keeps the criteria it was opened with). Criteria are JSON of WorkerCriteria / HouseholdCriteria. The
-- colour thresholds (participation below red_below_pct in a quarter = red, below yellow_below_pct = yellow) belong
-- to the dashboards.
create table rating_settings (
    county_id        bigint        primary key references region (id),
    workers          varchar(2000) not null,
    households       varchar(2000) not null,
    red_below_pct    int           not null default 30 check (red_below_pct between 0 and 100),
    yellow_below_pct int           not null default 50 check (yellow_below_pct between 0 and 100),
    updated_by       varchar(100)  not null,
    updated_at       timestamptz   not null,
    check (red_below_pct <= yellow_below_pct)
);

-- Read models of the RatingRound events (processing group "rating-views"), rebuilt by replay.
create table rating_round_view (
    round_id     varchar(60)   primary key,
    kind         varchar(16)   not null,
    county_path  varchar(200)  not null,
    period       varchar(10)   not null,
    status       varchar(10)   not null,
    criteria     varchar(2000) not null,
    subjects     int           not null,
    opened_by    varchar(100)  not null,
    opened_at    timestamptz   not null,
    published_by varchar(100),
    published_at timestamptz,
    appeal_ends  timestamptz,
    closed_at    timestamptz
);
create index rating_round_view_county on rating_round_view (county_path, kind, period desc);

-- One row per grid worker or household of a round: the facts, each criterion's score, the result as it stands.
create table rating_result_view (
    round_id        varchar(60)  not null,
    subject         varchar(100) not null,
    kind            varchar(16)  not null,
    period          varchar(10)  not null,
    name            varchar(100) not null,
    region_path     varchar(200) collate "C" not null,
    grid_id         bigint,
    reports         int          not null default 0,
    confirmed       int          not null default 0,
    average_delay   double precision not null default 0,
    found_wrong     int          not null default 0,
    households      int          not null default 0,
    participants    int          not null default 0,
    c_confirmed     int,
    c_participation int,
    c_timeliness    int,
    c_accuracy      int,
    c_township      int,
    pts_material    bigint       not null default 0,
    pts_political   bigint       not null default 0,
    pts_spiritual   bigint       not null default 0,
    pts_social      bigint       not null default 0,
    pts_ecological  bigint       not null default 0,
    penalised       bigint       not null default 0,
    earned          bigint       not null default 0,
    qualifying      int          not null default 0,
    score           int          not null,
    stars           int          not null,
    adjusted        boolean      not null default false,
    flagged         boolean      not null default false,
    appeal          varchar(10),
    appeal_reason   varchar(500),
    appeal_decision varchar(500),
    primary key (round_id, subject)
);
create index rating_result_view_subject on rating_result_view (subject, period desc);
create index rating_result_view_scope on rating_result_view (round_id, region_path);

-- What changed in a round after it opened, for the audit trail on the round's page.
create table rating_change_view (
    event_id     varchar(40)  primary key,
    -- the order the round's events were applied in (one aggregate's events arrive in order)
    seq          bigserial    not null,
    round_id     varchar(60)  not null,
    subject      varchar(100) not null default '',
    change       varchar(16)  not null,
    score_before int,
    score_after  int,
    stars_before int,
    stars_after  int,
    reason       varchar(500) not null default '',
    changed_by   varchar(100) not null default '',
    changed_at   timestamptz  not null
);
create index rating_change_view_round on rating_change_view (round_id, seq);
