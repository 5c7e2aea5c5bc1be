-- People management (issue 15): every change to a person, who made it and what it was before and after; the
-- session version that revokes a person's tokens at once; temporary passwords that must be changed at first sign-in.
create table person_change (
    id            bigserial    primary key,
    username      varchar(50)  not null,
    action        varchar(24)  not null,
    changed_by    varchar(50)  not null,
    changed_role  varchar(24)  not null,
    changed_at    timestamptz  not null default now(),
    before_state  varchar(500) not null default '',
    after_state   varchar(500) not null default ''
);
create index person_change_username on person_change (username, changed_at);

-- (ending a person's sessions is Sessions.revoke, table session_version of V75)

-- A temporary password set by a manager: the person must choose their own at the next sign-in.
create table person_password_reset (
    username  varchar(50) primary key,
    issued_by varchar(50) not null,
    issued_at timestamptz not null default now()
);
