#!/usr/bin/env bash
# The go-live acceptance's made-up city (issue 15, docs/go-live walk-through in the user guides): writes the xlsx files
# a city's offices would bring — regions.xlsx, people/*.xlsx (the city's, each county's, each village's),
# households-<county>.xlsx with opening balances — into the folder given (default web/target/acceptance-city), and
# prints the opening balances summed per village to check against the import previews. Not part of the application.
#
#   ops/acceptance-city.sh [folder]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f web/target/bench-classpath.txt ] || [ ! -d web/target/test-classes/cn/moralbank/web/bench ]; then
  ./mvnw -q -B -o -DskipTests package
fi
exec java -cp "web/target/test-classes:web/target/classes:$(cat web/target/bench-classpath.txt)" \
  cn.moralbank.web.bench.AcceptanceCity "${1:-web/target/acceptance-city}"
