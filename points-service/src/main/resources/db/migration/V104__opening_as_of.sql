-- The day a carried-over paper passbook's balance was read (期初日期), kept with its booking: a deed dated up to that
-- day is in the opening balance already, one dated after it is not, whenever the household was registered (the
-- go-live walk: deeds of the weeks before go-live could not be reported for households imported that day).
ALTER TABLE household_change ADD COLUMN opening_as_of date;
-- bookings before this version wrote it at the end of after_state: "points (number, 2026-11-30)"
UPDATE household_change SET opening_as_of = substring(after_state from '([0-9]{4}-[0-9]{2}-[0-9]{2})\)$')::date
WHERE action IN ('OPENING_IMPORTED', 'OPENING_BOOKED') AND after_state ~ '[0-9]{4}-[0-9]{2}-[0-9]{2}\)$';
