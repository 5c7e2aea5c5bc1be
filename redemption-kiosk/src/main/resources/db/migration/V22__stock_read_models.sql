-- Read models of the SupermarketStock events (processing group "kiosk-stock-views"), rebuilt by replay: stock per
-- product, the public donation ledger, stock adjustments, and sales lines (sales of the day, end-of-day report).
create table stock_level (
    supermarket_id bigint      not null,
    product_id     bigint      not null,
    on_hand        bigint      not null default 0,
    reserved       bigint      not null default 0,
    donated        bigint      not null default 0,
    sold           bigint      not null default 0,
    returned       bigint      not null default 0,
    written_off    bigint      not null default 0,
    counted_change bigint      not null default 0,
    updated_at     timestamptz not null,
    primary key (supermarket_id, product_id)
);

create table donation_line_view (
    donation_id        varchar(64)  not null,
    product_id         bigint       not null,
    supermarket_id     bigint       not null,
    donor              varchar(100) not null,
    donor_kind         varchar(16)  not null,
    product_name       varchar(50)  not null,
    quantity           bigint       not null,
    declared_value_fen bigint       not null,
    received_on        date         not null,
    note               varchar(200) not null default '',
    recorded_by        varchar(100) not null default '',
    recorded_at        timestamptz  not null,
    primary key (donation_id, product_id)
);
create index donation_line_view_supermarket on donation_line_view (supermarket_id, received_on desc);

create table stock_adjustment_view (
    adjustment_id  varchar(64)  primary key,
    supermarket_id bigint       not null,
    product_id     bigint       not null,
    product_name   varchar(50)  not null,
    kind           varchar(10)  not null,
    change         bigint       not null,
    on_hand_after  bigint       not null,
    reason         varchar(200) not null,
    recorded_by    varchar(100) not null default '',
    recorded_at    timestamptz  not null
);
create index stock_adjustment_view_supermarket on stock_adjustment_view (supermarket_id, recorded_at desc);

create table sale_line_view (
    checkout_id    varchar(64)  not null,
    product_id     bigint       not null,
    supermarket_id bigint       not null,
    household_id   varchar(40)  not null,
    product_name   varchar(50)  not null,
    quantity       bigint       not null,
    unit_points    bigint       not null,
    points         bigint       not null,
    sold_at        timestamptz  not null,
    sold_on        date         not null,
    device         varchar(100) not null default '',
    returned_at    timestamptz,
    primary key (checkout_id, product_id)
);
create index sale_line_view_day on sale_line_view (supermarket_id, sold_on);

-- How far each view has applied each supermarket's events (by the aggregate's sequence number): an event delivered
-- twice (a batch retried, or a segment briefly processed by two nodes) moves nothing twice.
create table kiosk_view_position (
    view_name    varchar(40) not null,
    aggregate_id varchar(64) not null,
    seq          bigint      not null,
    primary key (view_name, aggregate_id)
);
