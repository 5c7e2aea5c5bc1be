-- Command side of checkouts and refunds: one row per request id made by a kiosk page. The primary key makes the
-- request id unique across every application node; the row is locked (SELECT ... FOR UPDATE) for as long as one
-- node drives the checkout, so a retry arriving at another node waits and then reads the first result. Not a
-- projection: it is the process's own state (see docs/architecture.md, "Checkout").
create table checkout (
    checkout_id         varchar(64)  primary key,
    receipt_no          bigserial    not null unique,
    supermarket_id      bigint       not null references supermarket (id),
    device              varchar(100) not null,
    basket_hash         varchar(64)  not null,
    household_id        varchar(40),
    household_name      varchar(50),
    card_number         varchar(20),
    status              varchar(10)  not null
        check (status in ('STARTED', 'COMPLETED', 'REFUSED', 'REFUNDED')),
    total_points        bigint       not null,
    card_points         bigint       not null,
    voucher_points      bigint       not null,
    change_points       bigint       not null default 0,
    payer_household_id  varchar(40)  not null,
    balance_after       bigint,
    refusal_code        varchar(100),
    refusal_args        varchar(500),
    created_at          timestamptz  not null,
    finished_at         timestamptz,
    refunded_at         timestamptz,
    refunded_by         varchar(100),
    refund_reason       varchar(200)
);
create index checkout_supermarket_day on checkout (supermarket_id, created_at);
create index checkout_unfinished on checkout (created_at) where status = 'STARTED';

create table checkout_line (
    checkout_id   varchar(64) not null references checkout (checkout_id),
    line_no       int         not null,
    product_id    bigint      not null,
    product_name  varchar(50) not null,
    unit          varchar(10) not null,
    quantity      bigint      not null,
    unit_points   bigint      not null,
    monthly_limit int         not null default 0,
    primary key (checkout_id, line_no)
);

create table checkout_voucher (
    checkout_id  varchar(64) not null references checkout (checkout_id),
    line_no      int         not null,
    serial       varchar(20) not null,
    points       bigint      not null,
    household_id varchar(40) not null,
    primary key (checkout_id, line_no)
);

-- Wrong PINs per household card, shared by every node: five in a row lock the card for fifteen minutes.
create table card_pin_guard (
    card_number     varchar(20) primary key,
    failures        int         not null default 0,
    locked_until    timestamptz,
    last_failure_at timestamptz
);
