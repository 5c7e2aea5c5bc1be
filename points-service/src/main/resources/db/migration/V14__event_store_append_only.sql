-- The event store is append-only: nothing is updated or deleted, ever. A mistake is corrected by a new event.
-- The trigger enforces it for every role that can reach the table, the application's own included.
create function refuse_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'the event store is append-only: % on domain_event_entry refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger domain_event_entry_append_only
    before update or delete on domain_event_entry
    for each row execute function refuse_event_change();

create trigger domain_event_entry_no_truncate
    before truncate on domain_event_entry
    for each statement execute function refuse_event_change();
