-- Gives the scratch event table a million rows first, so that its indexes are as deep as a real store's.
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data) SELECT gen_random_uuid()::text, 'prefill-' || (n / 50), n % 50, 'HouseholdAccount', '2020-01-01T00:00:00.000Z', 'cn.moralbank.points.ledger.api.PointsCredited', convert_to(repeat('x', 300), 'UTF8'), convert_to(repeat('m', 200), 'UTF8') FROM generate_series(1, 1000000) n;
ANALYZE domain_event_entry;
