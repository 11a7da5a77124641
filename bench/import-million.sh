#!/usr/bin/env bash
# Imports a generated list of a million readers with a 128 MB heap, on SQLite or PostgreSQL, to show
# that an import streams (duplicates are found through the database, not a map of the file).
# Prints rows/s and peak RSS.
#
#   bench/import-million.sh [sqlite|postgresql]   (N=1000000 by default; N=20000 for a quick look;
#                                                   RUNS=import skips the dry run and the second import)
#
# Needs target/paper-digest.jar (mvn -q -DskipTests package) and GNU time. For PostgreSQL it uses a
# fresh schema in DIGEST_TEST_POSTGRES_URL (default: the local server's database test).
# The file is windows-1252 with ';' (as Excel saves it in many European locales), one accented
# name in every 1,000 rows, a duplicate in every 10,000 and a bad address in every 100,000.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
N=${N:-1000000}
JAR=${PD_JAR:-target/paper-digest.jar}
HEAP_OPTS=${HEAP_OPTS:--Xmx128m}
WORK=$(mktemp -d /tmp/pd-import.XXXXXX)
[[ -f $JAR ]] || { echo "$JAR missing: mvn -q -DskipTests package" >&2; exit 2; }
trap 'rm -rf "$WORK"' EXIT

case $DB in
  sqlite) export DIGEST_DB_URL="jdbc:sqlite:$WORK/digest.db" ;;
  postgresql)
    base=${DIGEST_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
    schema="import_$(date +%s)"
    psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema"
    trap 'rm -rf "$WORK"; psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA '"$schema"' CASCADE"' EXIT
    export DIGEST_DB_URL="$base&currentSchema=$schema" ;;
  *) echo "usage: bench/import-million.sh [sqlite|postgresql]" >&2; exit 2 ;;
esac

echo "generating $N rows"
awk -v n="$N" 'BEGIN {
  printf "Email Address;First Name;Last Name;Tags\r\n"
  for (i = 1; i <= n; i++) {
    if (i % 100000 == 0) { printf "not-an-address-%d;Bad;Row;\r\n", i; continue }
    if (i % 10000 == 0) { printf "reader%d@example.org;Again;Reader;\r\n", i - 1; continue }
    printf "reader%d@example.org;%s;Reader %d;%s\r\n", i, (i % 1000 == 0 ? "Ren\351e" : "Ada"), i, (i % 7 == 0 ? "nlp" : "")
  }
}' > "$WORK/list.csv"
ls -l "$WORK/list.csv"
run() {
  local label=$1; shift
  # shellcheck disable=SC2086
  /usr/bin/time -v java $HEAP_OPTS -jar "$JAR" subscribers import "$@" "$WORK/list.csv" > "$WORK/out" 2> "$WORK/err" || true
  grep -v "^Command\|^\s*\(Page\|Socket\|Signals\|Swaps\|File system\|Average\|Voluntary\|Involuntary\|Exit status\|Minor\|Major\|Percent\|System time\|User time\)" "$WORK/err" \
    | grep -v "line [0-9]*:" | sed "s/^/$label: /"
  sed "s/^/$label: /" "$WORK/out"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s }' "$WORK/err")
  awk -v n="$N" -v s="$secs" -v l="$label" 'BEGIN { printf "%s: %.0f rows/s\n", l, n / s }'
}
[[ ${RUNS:-all} == all ]] && run "dry run" --dry-run
run "import"
[[ ${RUNS:-all} == all ]] && run "again (every row unchanged)"
true
