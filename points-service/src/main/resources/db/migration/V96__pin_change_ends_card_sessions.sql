-- A card's PIN is what a villager's self-service session was opened with: a new PIN (the card lost, the PIN
-- told to someone) ends every session of that card at once, on every node, however the PIN was changed (the API,
-- the household page, an import, a script). The trigger moves the card's session version on (table
-- session_version, V75), which Sessions checks on every request; a new card number leaves the old card's subject
-- without a household, which Sessions refuses as well.
create function end_card_sessions_on_pin_change() returns trigger language plpgsql as $$
begin
    insert into session_version (subject, version) values ('card:' || old.card_number, 1)
    on conflict (subject) do update set version = session_version.version + 1, changed_at = now();
    return new;
end $$;

create trigger household_pin_ends_card_sessions
    after update of pin_hash, card_number on household
    for each row
    when (old.pin_hash is distinct from new.pin_hash or old.card_number is distinct from new.card_number)
    execute function end_card_sessions_on_pin_change();
