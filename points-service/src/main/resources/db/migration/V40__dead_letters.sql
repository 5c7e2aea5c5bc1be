-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue) for the projections' processing groups, in snake_case:
-- the columns are those of Axon's GenericDeadLetterTableFactory, named as DeadLetters.SCHEMA names them. Timestamps
-- are ISO-8601 text as Axon writes them (as in token_entry). Rows are written and removed by Axon only; the
-- operations page reads them (docs/operations.md "Dead letters").
create table dead_letter_entry (
    dead_letter_id       varchar(255)  primary key,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    aggregate_type       varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          varchar(255)  not null,
    last_touched         varchar(255),
    processing_started   varchar(255),
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);

-- Every retry and eviction an operator asked for: who, when, what, and how it ended (also logged).
create table dead_letter_action (
    id                  bigserial     primary key,
    acted_at            timestamptz   not null default now(),
    actor_user          varchar(100)  not null,
    actor_role          varchar(40)   not null,
    action              varchar(10)   not null check (action in ('RETRY', 'EVICT')),
    processing_group    varchar(255)  not null,
    sequence_identifier varchar(255)  not null,
    event_identifier    varchar(255),
    outcome             varchar(20)   not null,
    detail              varchar(1023) not null default ''
);
create index dead_letter_action_at on dead_letter_action (acted_at);
