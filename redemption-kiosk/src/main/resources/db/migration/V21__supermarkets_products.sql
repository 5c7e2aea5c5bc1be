-- Love supermarkets (爱心超市) and their products: master data, not event-sourced (like regions and the rules
-- catalog). A supermarket serves the region it is attached to: one village, or a township when villages share it.
create table supermarket (
    id          bigserial    primary key,
    name        varchar(100) not null,
    region_id   bigint       not null references region (id),
    region_path varchar(200) not null,
    address     varchar(200) not null default '',
    active      boolean      not null default true,
    created_at  timestamptz  not null default now()
);
create index supermarket_region_path on supermarket (region_path varchar_pattern_ops);

create table product (
    id             bigserial    primary key,
    supermarket_id bigint       not null references supermarket (id),
    name           varchar(50)  not null,
    unit           varchar(10)  not null,
    picture        varchar(40)  not null default 'goods',
    price_points   bigint       not null check (price_points > 0),
    -- at most this many per household per calendar month; 0 for no limit
    monthly_limit  int          not null default 0 check (monthly_limit >= 0),
    active         boolean      not null default true,
    created_at     timestamptz  not null default now(),
    constraint product_name_per_supermarket unique (supermarket_id, name)
);

-- Every price a product has had, with the moment it took effect: the price history operators and auditors see.
create table product_price (
    id           bigserial    primary key,
    product_id   bigint       not null references product (id),
    price_points bigint       not null check (price_points > 0),
    valid_from   timestamptz  not null,
    changed_by   varchar(100) not null,
    reason       varchar(200) not null default ''
);
create index product_price_product on product_price (product_id, valid_from desc);
