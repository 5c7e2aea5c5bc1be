-- Command-side lookup for the rules' limits (at most N per household per period). Written by a subscribing event
-- handler inside the reporting command's own transaction (see DeedLimitLookup), so two reports in a row can never
-- both pass a limit that has room for one. Not a replayed projection: it is as old as the events it mirrors.
create table deed_limit_use (
    deed_id      varchar(40) primary key,
    household_id varchar(40) not null,
    rule_id      bigint      not null,
    deed_date    date        not null,
    counts       boolean     not null default true
);
create index deed_limit_use_lookup on deed_limit_use (household_id, rule_id, deed_date) where counts;
