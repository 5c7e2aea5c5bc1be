-- An event's global position (global_index) follows the order in which its transaction became safe to read, not
-- the order in which an insert took a number from a sequence (ADR 0007). Each position is the appending
-- transaction's id (pg_current_xact_id) shifted left by 20 bits, plus the event's number within that transaction.
-- The processors read only positions below the lowest transaction still running
-- (pg_snapshot_xmin(pg_current_snapshot()) << 20): every transaction below it has finished, and no new transaction
-- can ever take a lower id, so nothing can appear behind a position a processor has passed. A bigserial number,
-- by contrast, can be taken by a transaction that commits after a processor has read past it.

create function next_event_position() returns bigint
    language plpgsql volatile as $$
declare
    n bigint := coalesce(nullif(current_setting('moralbank.events_in_transaction', true), '')::bigint, 0);
begin
    if n >= 1048576 then
        raise exception 'one transaction may append at most 1,048,576 events' using errcode = 'program_limit_exceeded';
    end if;
    perform set_config('moralbank.events_in_transaction', (n + 1)::text, true);
    return (pg_current_xact_id()::text::bigint << 20) + n;
end
$$;

-- Positions before this migration came from the sequence; the new ones must all lie above them.
do $$
begin
    if (pg_current_xact_id()::text::bigint << 20) <= (select coalesce(max(global_index), 0) from domain_event_entry) then
        raise exception 'event positions would go backwards: the highest global_index is above this transaction''s';
    end if;
end
$$;

alter table domain_event_entry alter column global_index set default next_event_position();

-- The lowest position a reader may not pass yet (every event below it is committed or will never be).
create function safe_event_position() returns bigint
    language sql stable as $$
    select pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20
$$;
