#!/usr/bin/env bash
# Plans and sends one issue to a million subscribers with a 128 MB heap, on SQLite or PostgreSQL,
# to show that memory stays flat with the size of the list. Prints wall time and peak RSS.
#
#   bench/million.sh [sqlite|postgresql]      (N=1000000 by default; N=20000 for a quick look)
#
# DKIM=1 signs every message (rsa-sha256, a fresh 2048-bit key made by `dkim keygen`), as production
# does; HEAP_OPTS replaces the JVM options of `send`; C the number of connections (default 8).
#
# Needs target/paper-digest.jar (mvn -q -DskipTests package) and Postfix's smtp-sink, which
# bench/run.sh unpacks into bench/.cache (run it once, e.g. bench/run.sh --smoke). For PostgreSQL
# it uses a fresh schema in DIGEST_TEST_POSTGRES_URL (default: the local server's database test).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
N=${N:-1000000}
JAR=${PD_JAR:-target/paper-digest.jar}
HEAP_OPTS=${HEAP_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m}
PF=bench/.cache/postfix
PORT=${PORT:-2590}
WORK=$(mktemp -d /tmp/pd-million.XXXXXX)
[[ -x $PF/usr/sbin/smtp-sink ]] || { echo "smtp-sink missing: run bench/run.sh --smoke once first" >&2; exit 2; }
[[ -f $JAR ]] || { echo "$JAR missing: mvn -q -DskipTests package" >&2; exit 2; }

LD_LIBRARY_PATH=$PF/usr/lib/postfix $PF/usr/sbin/smtp-sink -u root "127.0.0.1:$PORT" 1024 &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; rm -rf "$WORK"' EXIT

case $DB in
  sqlite) export DIGEST_DB_URL="jdbc:sqlite:$WORK/digest.db" ;;
  postgresql)
    base=${DIGEST_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
    schema="million_$(date +%s)"
    psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema"
    trap 'kill $SINK 2>/dev/null || true; rm -rf "$WORK"; psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA '"$schema"' CASCADE"' EXIT
    export DIGEST_DB_URL="$base&currentSchema=$schema" ;;
  *) echo "usage: bench/million.sh [sqlite|postgresql]" >&2; exit 2 ;;
esac
export SMTP_HOST=127.0.0.1 SMTP_PORT=$PORT SMTP_POOL_SIZE=${C:-8} DIGEST_SECRET=$(openssl rand -hex 32) \
  DIGEST_BASE_URL=https://digest.example.org DIGEST_FROM=digest@example.org DIGEST_TEMPLATES="$PWD/templates"

if [[ ${DKIM:-0} == 1 ]]; then
  java -jar "$JAR" dkim keygen --selector bench --domain example.org --out "$WORK/dkim" >/dev/null
  export DKIM_DOMAIN=example.org DKIM_SELECTOR=bench DKIM_PRIVATE_KEY_FILE="$WORK/dkim/bench.private.pem"
  echo "signing with DKIM (rsa-sha256, 2048-bit key)"
fi
echo "generating $N subscribers"
awk -v n="$N" 'BEGIN { print "email,name,topics"; for (i = 1; i <= n; i++) printf "reader%d@example.org,Reader %d,\n", i, i }' > "$WORK/list.csv"
echo "importing (default heap)"
/usr/bin/time -f "import: wall %e s, peak RSS %M KB" java -jar "$JAR" subscribers import "$WORK/list.csv"
echo "sending with $HEAP_OPTS"
# shellcheck disable=SC2086
/usr/bin/time -f "send: wall %e s, cpu %U+%S s, peak RSS %M KB" java $HEAP_OPTS -jar "$JAR" send
java -jar "$JAR" issues show 1
