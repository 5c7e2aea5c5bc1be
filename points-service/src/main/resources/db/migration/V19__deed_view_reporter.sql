-- V19: after the foundation's numbers, below the kiosk's V20-29.
-- A grid worker's page lists the deeds they reported ("my reports"): by reporter, newest first.
create index deed_view_reporter on deed_view (reported_by, reported_at desc);
