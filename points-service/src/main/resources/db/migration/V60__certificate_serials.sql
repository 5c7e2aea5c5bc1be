-- Serial numbers of printed certificates (荣誉证书), written in the village's register: 2026-丰宁-000123. One per
-- round and subject, given the first time the certificate is shown and kept for ever after (reprints carry the same
-- number); numbered per county prefix and year without gaps, under the counter row's lock. Master data, not a read
-- model: a replay leaves it alone.
create table certificate_counter (
    prefix varchar(60) primary key,
    last   bigint      not null
);

create table certificate_serial (
    round_id   varchar(60)  not null,
    subject    varchar(100) not null,
    serial     varchar(80)  not null unique,
    created_at timestamptz  not null default now(),
    primary key (round_id, subject)
);
