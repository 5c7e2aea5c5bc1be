-- Sessions that end (issue 14). Each person's (or card's) token version: every token carries the version it was
-- issued under, and a request whose token carries an older one is refused. Logout, deactivation and a change of role
-- or scope move the version on, which ends every session of that person at once, on every node. No row: version 0.
create table session_version (
    subject    varchar(80) primary key,
    version    bigint      not null,
    changed_at timestamptz not null default now()
);

-- Throttles shared by every node (issue 14): failed sign-ins and PINs counted per account, client address, card
-- and kiosk device. A row lives only while its failures are recent (a job deletes the stale ones), and accounts
-- are counted only when they exist: no typed name fills this table.
create table access_throttle (
    subject         varchar(120) primary key,
    failures        int          not null,
    first_failure_at timestamptz not null,
    last_failure_at timestamptz  not null,
    blocked_until   timestamptz
);
create index access_throttle_last_failure on access_throttle (last_failure_at);
