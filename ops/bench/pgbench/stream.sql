-- A tracking processor's read: the next 1,000 events after a position, in order, on the county's own event store
-- (-D head=<highest global_index>). Rows per second = transactions per second x 1,000.
\set from random(0, :head - 1000)
SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE global_index > :from ORDER BY global_index LIMIT 1000;
