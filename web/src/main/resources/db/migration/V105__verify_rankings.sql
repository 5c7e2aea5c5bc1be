-- verify compares the rankings too: how many households' rows a run compared
alter table verify_run add column rankings bigint not null default 0;
