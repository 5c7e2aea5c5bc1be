-- The rules catalog (积分细则). Master data edited by offices, not event-sourced: a change never edits a version, it
-- adds one with the date it takes effect, so the rule a deed was judged by stays readable forever.

-- A rule's identity and code. village_id null: a county rule; set: a local rule of that village.
create table rule_item (
    id         bigserial    primary key,
    county_id  bigint       not null references region (id),
    village_id bigint       references region (id),
    code       varchar(32)  not null,
    created_by varchar(100) not null,
    created_at timestamptz  not null
);
create unique index rule_item_code on rule_item (county_id, coalesce(village_id, 0), code);

-- The versions of a rule. county_id, village_id and code repeat rule_item's (they never change), so reading a rule
-- as it stood on a date is one table.
create table rule_version (
    id           bigserial    primary key,
    rule_id      bigint       not null references rule_item (id),
    county_id    bigint       not null,
    village_id   bigint,
    code         varchar(32)  not null,
    version      int          not null,
    valid_from   date         not null,
    name         varchar(100) not null,
    category     varchar(16)  not null
        check (category in ('MATERIAL', 'POLITICAL', 'SPIRITUAL', 'SOCIAL', 'ECOLOGICAL')),
    points       bigint       not null check (points <> 0),
    min_points   bigint       not null,
    max_points   bigint       not null,
    evidence     varchar(8)   not null check (evidence in ('NONE', 'PHOTO', 'WITNESS')),
    limit_count  int          check (limit_count > 0),
    limit_period varchar(8)   check (limit_period in ('MONTH', 'QUARTER', 'YEAR')),
    description  varchar(500) not null default '',
    active       boolean      not null default true,
    created_by   varchar(100) not null,
    created_at   timestamptz  not null,
    constraint rule_version_number unique (rule_id, version),
    constraint rule_version_from unique (rule_id, valid_from),
    -- the committee's range holds the standard points and never turns a deed into a penalty or back
    constraint rule_version_range check (min_points <= points and points <= max_points
        and ((points > 0 and min_points > 0) or (points < 0 and max_points < 0))),
    constraint rule_version_limit check ((limit_count is null) = (limit_period is null))
);
create index rule_version_county on rule_version (county_id, village_id, rule_id, valid_from);

-- County rules a village has switched off (a row while off; switching on again deletes it).
create table rule_switch_off (
    id          bigserial    primary key,
    village_id  bigint       not null references region (id),
    rule_id     bigint       not null references rule_item (id),
    reason      varchar(200) not null default '',
    switched_by varchar(100) not null,
    switched_at timestamptz  not null,
    constraint rule_switch_off_once unique (village_id, rule_id)
);

-- What a county lets its villages add: local rules worth at most max_points (either sign), at most max_rules of them.
create table rule_local_limits (
    county_id  bigint primary key references region (id),
    max_points bigint not null check (max_points >= 0),
    max_rules  int    not null check (max_rules >= 0)
);
