#!/usr/bin/env bash
# Fault injection against the running application; see docs/reliability.md, "Faults".
# It creates a throwaway PostgreSQL 15 cluster (initdb, pg_ctl on a free port; as a non-root user, since PostgreSQL
# refuses root), starts the application jar with the demo county against it through a TCP proxy, and runs five
# scenarios, each under checkout and credit load from several HTTP client threads:
#   a  PostgreSQL stopped with `pg_ctl stop -m immediate` and started again
#   b  the application killed with SIGKILL and started again
#   c  every database connection cut mid-transaction
#   d  two application nodes racing on the same households
#   e  a projection handler that throws (a trigger makes one household's passbook writes fail), then the fault removed
#   f  ("crash") 20 rounds of checkout bursts from 12 kiosks with PostgreSQL stopped -m immediate mid-burst, node-1
#      killed with SIGKILL in every other round, and `moral-bank.jar verify` after each round (0 missing, 0 different)
# After each scenario it checks the ledger's invariants, at the end it compares the live read models with a replay,
# and it writes docs/faults-report.md. Exit status 0 when no invariant was violated.
#
# usage: ops/faults.sh [a b c d e f]   (f may be written crash)
# environment: FAULTS_SECONDS (load per scenario, 20), FAULTS_THREADS (6), PG_BIN (/usr/lib/postgresql/15/bin),
#   FAULTS_KEEP=1 keeps the work directory; for f: FAULTS_ROUNDS (20), FAULTS_CRASH_THREADS (kiosks, 12),
#   FAULTS_CRASH_SECONDS (burst, 14), FAULTS_CRASH_DOWN_SECONDS (6); fixed ports instead of free ones:
#   FAULTS_PG_PORT, FAULTS_PORT_1, FAULTS_PORT_2; FAULTS_CRASH_TAMPER=1 makes one balance wrong by hand in round 1
#   (a self-test of the evidence kept when verify finds a difference: the run must then fail)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/web/target/moral-bank.jar
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 server binaries not found in $PG_BIN (set PG_BIN)"; exit 2; }
WORK=$(mktemp -d /tmp/moralbank-faults.XXXXXX)
mkdir -p "$WORK/pg" "$WORK/classes"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT=${FAULTS_PG_PORT:-$(free_port)}
AS_PG=""
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user (or FAULTS_PG_USER)
  PG_USER=${FAULTS_PG_USER:-postgres}
  chown -R "$PG_USER" "$WORK/pg"
  chmod 755 "$WORK"
  AS_PG="runuser -u $PG_USER --"
fi
PG_CTL="$AS_PG $PG_BIN/pg_ctl -D $WORK/pg/data -l $WORK/pg/postgres.log"
export FAULTS_PG_STOP="$PG_CTL stop -m immediate"
export FAULTS_PG_START="$PG_CTL start -w -o '-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200'"
cleanup() {
  $PG_CTL stop -m fast >/dev/null 2>&1 || true
  if [ "${FAULTS_KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
$AS_PG "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
bash -c "$FAULTS_PG_START" >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE moralbank" postgres
# the driver: ops/faults/*.java with the invariants and the TCP proxy the test suite uses, on the jar's classpath
TESTING=points-service/src/test/java/cn/moralbank/points/testing
javac -nowarn -d "$WORK/classes" -cp "$JAR" ops/faults/*.java \
  "$TESTING/TcpProxy.java" "$TESTING/LedgerInvariants.java" "$TESTING/ProjectionTokens.java"
export FAULTS_WORK=$WORK FAULTS_PG_PORT=$PG_PORT FAULTS_JAR=$JAR FAULTS_PG_BIN=$PG_BIN
export FAULTS_PORT_1=${FAULTS_PORT_1:-$(free_port)} FAULTS_PORT_2=${FAULTS_PORT_2:-$(free_port)}
set +e
java -cp "$JAR:$WORK/classes" Faults "$@"
STATUS=$?
set -e
[ $STATUS = 0 ] || { FAULTS_KEEP=1; echo "logs of the application nodes: $WORK/*.log"; }
exit $STATUS
