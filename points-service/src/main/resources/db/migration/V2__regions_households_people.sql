-- Master data: the region tree, households and people. Not event-sourced (see docs/adr/0004).
create table region (
    id        bigserial    primary key,
    parent_id bigint       references region (id),
    level     varchar(16)  not null check (level in ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    code      varchar(32)  not null unique,
    name      varchar(100) not null,
    -- materialised path of ids, '/1/4/17/': a scope covers a region when the region's path starts with it
    path      varchar(200) not null unique
);
create index region_parent on region (parent_id);

create table county_settings (
    county_id      bigint primary key references region (id),
    base_score     bigint not null default 0 check (base_score >= 0),
    objection_days int    not null default 7 check (objection_days >= 0)
);

create table household (
    id          varchar(40)  primary key,
    card_number varchar(20)  not null unique,
    head_name   varchar(50)  not null,
    members     varchar(500) not null default '',
    address     varchar(200) not null default '',
    phone       varchar(20),
    grid_id     bigint       not null references region (id),
    region_path varchar(200) not null,
    status      varchar(10)  not null default 'ACTIVE' check (status in ('ACTIVE', 'MOVED', 'MERGED')),
    pin_hash    varchar(100),
    created_at  timestamptz  not null default now()
);
create index household_region_path on household (region_path varchar_pattern_ops);
create index household_grid on household (grid_id);

create table person (
    id             bigserial    primary key,
    username       varchar(50)  not null unique,
    display_name   varchar(50)  not null,
    password_hash  varchar(100) not null,
    role           varchar(24)  not null,
    region_id      bigint       references region (id),
    household_id   varchar(40)  references household (id),
    supermarket_id bigint,
    active         boolean      not null default true
);

create table demo_load (
    id        int primary key check (id = 1),
    loaded_at timestamptz not null default now()
);
