#!/usr/bin/env bash
# Starts two application nodes on one PostgreSQL, as a province would run several: same database, same signing
# secret, different ports. Event processors share their segments through the token store; commands for one household
# from both nodes stay consistent through the event store's (aggregate, sequence) key.
#
# usage: ops/two-nodes.sh [jdbc-url] [user]      (default: jdbc:postgresql://127.0.0.1:5432/moralbank_nodes, postgres)
# Stop both with: kill $(cat /tmp/moralbank-node-*.pid)
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${1:-jdbc:postgresql://127.0.0.1:5432/moralbank_nodes}
USER_NAME=${2:-postgres}
JAR=web/target/moral-bank.jar
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
DB=${URL##*/}
HOSTPORT=$(echo "$URL" | sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#')
psql -h "${HOSTPORT%:*}" -p "${HOSTPORT#*:}" -U "$USER_NAME" -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$DB'" \
  | grep -q 1 || psql -h "${HOSTPORT%:*}" -p "${HOSTPORT#*:}" -U "$USER_NAME" -d postgres -c "CREATE DATABASE $DB"
export DATASOURCES_DEFAULT_URL="$URL" DATASOURCES_DEFAULT_USERNAME="$USER_NAME" DATASOURCES_DEFAULT_PASSWORD="${PGPASSWORD:-}"
export MORALBANK_JWT_SECRET=${MORALBANK_JWT_SECRET:-two-nodes-demo-secret-0123456789-0123456789}
# the first node loads the demo county (once: a marker row guards it); the second starts when the first is up
MORALBANK_DEMO=true PORT=8081 java -jar "$JAR" > /tmp/moralbank-node-1.log 2>&1 & echo $! > /tmp/moralbank-node-1.pid
for i in $(seq 1 120); do grep -q 'Server Running' /tmp/moralbank-node-1.log && break; sleep 1; done
MORALBANK_DEMO=false PORT=8082 java -jar "$JAR" > /tmp/moralbank-node-2.log 2>&1 & echo $! > /tmp/moralbank-node-2.pid
for i in $(seq 1 120); do grep -q 'Server Running' /tmp/moralbank-node-2.log && break; sleep 1; done
echo "node 1: http://localhost:8081 (log /tmp/moralbank-node-1.log)"
echo "node 2: http://localhost:8082 (log /tmp/moralbank-node-2.log)"
