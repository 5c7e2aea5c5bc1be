-- Read models of deeds and review sessions. Projections of the event store, rebuilt by replay (processing group
-- "deed-views"): review queue, session detail with votes, notice board, "my deeds", and the notice-period process's
-- list of items whose objection period has ended.
create table deed_view (
    deed_id        varchar(40)   primary key,
    household_id   varchar(40)   not null,
    household_name varchar(50)   not null,
    village_id     bigint        not null,
    village_path   varchar(200)  not null,
    rule_id        bigint        not null,
    rule_version   int           not null,
    rule_code      varchar(32)   not null,
    rule_name      varchar(100)  not null,
    category       varchar(16)   not null,
    points         bigint        not null,
    deed_date      date          not null,
    description    varchar(1000) not null,
    photo_ids      varchar(1000) not null default '',
    witness        varchar(100)  not null default '',
    reported_by    varchar(100)  not null,
    reporter_role  varchar(24)   not null,
    reported_at    timestamptz   not null,
    status         varchar(16)   not null,
    session_id     varchar(40),
    posted_at      timestamptz,
    period_ends    timestamptz,
    objections     int           not null default 0,
    last_objection varchar(500)  not null default '',
    entry_id       varchar(100),
    updated_at     timestamptz   not null
);
create index deed_view_village_status on deed_view (village_id, status, reported_at);
create index deed_view_household on deed_view (household_id, deed_date desc);
create index deed_view_session on deed_view (session_id);
create index deed_view_due on deed_view (period_ends) where status in ('POSTED', 'CONFIRMED');

create table deed_vote (
    event_id   varchar(40)  primary key,
    deed_id    varchar(40)  not null,
    session_id varchar(40)  not null,
    voter      varchar(100) not null,
    choice     varchar(8)   not null,
    comment    varchar(500) not null default '',
    cast_at    timestamptz  not null
);
create index deed_vote_session on deed_vote (session_id, deed_id);

create table review_session_view (
    session_id     varchar(40)   primary key,
    village_id     bigint        not null,
    village_path   varchar(200)  not null,
    title          varchar(100)  not null,
    held_on        date          not null,
    committee      varchar(2000) not null,
    objection_days int           not null,
    agenda_size    int           not null,
    status         varchar(8)    not null,
    prepared_by    varchar(100)  not null,
    prepared_at    timestamptz   not null,
    closed_at      timestamptz
);
create index review_session_village on review_session_view (village_id, held_on desc);

-- What became of each deed in each session it was on: a deed objected to comes back in a later session, and the
-- earlier session keeps its own record.
create table review_session_item (
    item_id     varchar(90)  primary key,
    session_id  varchar(40)  not null,
    deed_id     varchar(40)  not null,
    outcome     varchar(16)  not null,
    points      bigint       not null,
    approvals   int          not null default 0,
    rejections  int          not null default 0,
    abstentions int          not null default 0,
    decided_at  timestamptz
);
create index review_session_item_session on review_session_item (session_id);
