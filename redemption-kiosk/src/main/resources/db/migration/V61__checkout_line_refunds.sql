-- Refunds of some lines of a checkout (a villager returns one of three items). One row per refunded line, written
-- under the checkout's row lock with the ledger credit of that line ("refund:<checkout>:line:<n>"): the primary key
-- keeps a line from being refunded twice. A checkout whose every line is refunded turns REFUNDED; a whole refund at
-- once (the earlier path) writes no rows here and reverses the checkout's debit instead.
create table checkout_line_refund (
    checkout_id varchar(64)  not null,
    line_no     int          not null,
    points      bigint       not null check (points >= 0),
    refunded_at timestamptz  not null,
    refunded_by varchar(100) not null,
    reason      varchar(200) not null,
    primary key (checkout_id, line_no),
    foreign key (checkout_id, line_no) references checkout_line (checkout_id, line_no)
);
