-- Love points vouchers (爱心积分券). The Voucher aggregate lives in the event store; these are its serials, the
-- command-side record of issue batches, and its read model.

-- Serials are short numbers (V00000042) so that a voucher can be read out or typed by hand.
create sequence voucher_serial_seq;

-- An issue form claims its serials once: submitted again (a double click, a retry after an error) it issues the
-- same vouchers, and the ledger's entry ids (voucher:<serial>) make sure each is paid for once.
create table voucher_batch (
    batch_id      varchar(64)  primary key,
    household_id  varchar(40)  not null,
    denominations varchar(400) not null,
    serials       varchar(800) not null,
    -- how many of the serials, in order, are issued: the printable sheet reads it, not the (later) read model
    issued        int          not null default 0,
    issued_by     varchar(100) not null,
    created_at    timestamptz  not null default now()
);

-- Read model of the Voucher events (processing group "voucher-views"), rebuilt by replay.
create table voucher_view (
    serial         varchar(20)  primary key,
    household_id   varchar(40)  not null,
    points         bigint       not null,
    county_path    varchar(200) not null,
    village_path   varchar(200) not null,
    batch_id       varchar(64)  not null,
    status         varchar(10)  not null,
    issued_at      timestamptz  not null,
    issued_by      varchar(100) not null default '',
    redemption_ref varchar(100),
    supermarket    varchar(100),
    redeemed_at    timestamptz,
    void_reason    varchar(200),
    voided_at      timestamptz,
    -- the voucher's last applied event: an event delivered twice, or late, never moves the status back
    seq            bigint       not null
);
create index voucher_view_village on voucher_view (village_path varchar_pattern_ops, issued_at desc);
create index voucher_view_batch on voucher_view (batch_id);
create index voucher_view_household on voucher_view (household_id, issued_at desc);
