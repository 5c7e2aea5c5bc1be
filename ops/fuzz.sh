#!/usr/bin/env bash
# The large fuzz run (issue 14): FuzzTest sends generated bodies, query strings and path ids to every route as every
# role, here 10,000 requests (the build sends 250). Unlike the build it goes on past a failure and lists every one at
# the end, so one run shows every class of failure. Figures and failures: web/target/fuzz-figures.txt.
#
# usage: ops/fuzz.sh [requests]        (default 10000; needs PostgreSQL, MORALBANK_TEST_DB_URL as for the tests)
# Put the figures of the last large run in docs/reliability.md ("The fuzz test").
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${1:-10000}
export MORALBANK_TEST_DB_URL=${MORALBANK_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
FIGURES="$PWD/web/target/fuzz-figures.txt"
rm -f "$FIGURES"
started=$(date +%s)
status=0
./mvnw -B -o -q -pl points-service,redemption-kiosk,web verify -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Djqwik.tries.default="$TRIES" -Dmoralbank.fuzz.collect=true -Dmoralbank.fuzz.figures="$FIGURES" || status=$?
echo "ops/fuzz.sh: $(( $(date +%s) - started )) s in all (build included), exit $status, $(date -u '+%Y-%m-%d %H:%M UTC')"
[ -f "$FIGURES" ] && head -1 "$FIGURES" && grep -c '^FAILURE' "$FIGURES" | sed 's/^/failures: /' || true
exit $status
