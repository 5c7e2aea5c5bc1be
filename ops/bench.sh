#!/usr/bin/env bash
# The benchmark: builds the application, then measures it on a generated county and writes docs/performance.md
# (raw results in docs/performance-raw/). Run it on a quiet machine: every other load skews the figures.
#
#   ops/bench.sh --generate 100000              a whole county, ten years deep (about 10 million events), then measure
#   ops/bench.sh                                measure the county already in the database
#   ops/bench.sh --quick --generate 300         a smoke run in about two minutes
#
# Options: --db jdbc-url (default jdbc:postgresql://127.0.0.1:5432/moralbank_county; the database is replaced when
# --generate is given), --db-user, --db-password, --years, --seconds, --warmup, --clients 1,4,16, --kiosks 50,
# --empty-households N (default: as many as the county, one year deep), --pgbench-seconds, --heap 512m. pgbench comes with Debian's postgresql-client.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
exec java -Xmx1g -cp "web/target/test-classes:web/target/classes:$(cat web/target/bench-classpath.txt)" \
  cn.moralbank.web.bench.Bench "$@"
