#!/bin/sh
# Nightly backup of the moral bank's database (docs/install.*.md, "Backups"): a custom-format pg_dump, kept 30 days.
# Run by moral-bank-backup.timer as the postgres user (or any role that may read every table: the owner role).
set -eu
DB="${MORALBANK_BACKUP_DB:-moralbank}"
DIR="${MORALBANK_BACKUP_DIR:-/var/backups/moral-bank}"
KEEP_DAYS="${MORALBANK_BACKUP_KEEP_DAYS:-30}"
mkdir -p "$DIR"
FILE="$DIR/$DB-$(date +%Y%m%d-%H%M%S).dump"
pg_dump --format=custom --no-owner --file="$FILE.part" "$DB"
mv "$FILE.part" "$FILE"
# a dump that cannot be listed is no backup: check it before deleting old ones
pg_restore --list "$FILE" > /dev/null
find "$DIR" -name "$DB-*.dump" -mtime +"$KEEP_DAYS" -delete
echo "backup written: $FILE ($(du -h "$FILE" | cut -f1))"
