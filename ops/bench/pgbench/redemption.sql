-- A redemption's shape: read an aggregate's last events, then append the next one, in one transaction.
-- Each client works on its own 2,000 aggregates, as households are spread over kiosks.
\set h random(1, 2000)
BEGIN;
SELECT sequence_number, payload_type, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = 'bench-' || :client_id || '-' || :h ORDER BY sequence_number DESC LIMIT 20;
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data) SELECT gen_random_uuid()::text, 'bench-' || :client_id || '-' || :h, coalesce(max(sequence_number), -1) + 1, 'HouseholdAccount', '2026-11-25T08:00:00.000Z', 'cn.moralbank.points.ledger.api.PointsDebited', convert_to('{"householdId":{"value":"6f1c0d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f"},"entryId":{"value":"checkout:8a7b6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d"},"points":12,"source":"checkout","reason":"爱心超市兑换 大米 1 袋","balanceAfter":348,"bookedAt":"2026-11-25T08:00:00Z"}', 'UTF8'), convert_to('{"traceId":"0b6c1f4e-9d2a-4f6b-8c3e-5a7d9e1f2b4c","correlationId":"0b6c1f4e-9d2a-4f6b-8c3e-5a7d9e1f2b4c","actorUser":"v0001.kiosk1","actorRole":"KIOSK","actorRegion":"/1/2/3/","actorDevice":"kiosk"}', 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = 'bench-' || :client_id || '-' || :h;
END;
