#!/usr/bin/env bash
# Abuse benchmark (loopback only, bounded in time and count): starts `run` on 127.0.0.1 with a
# throw-away SQLite database and an SMTP sink, then for DURATION seconds (default 60) holds 200
# slow-body connections (one byte every 5 s, from 127.0.0.10-29) and floods POST /subscribe from
# 20 source addresses (127.0.0.100-119) while a probe times GET /healthz from 127.0.0.2 and a
# legitimate reader subscribes once from 127.0.0.3. Prints the probe's p50/p99 and whether the
# legitimate reader got through (target: p99 < 200 ms, legitimate reader served and mailed).
#
#   bench/abuse.sh [DURATION]
#
# Needs target/paper-digest.jar (mvn -q -DskipTests package) and python3. HTTP_TRUSTED_PROXIES is
# left unset, so the server sees each socket's real 127.0.0.x peer.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60}
JAR=${PD_JAR:-target/paper-digest.jar}
HTTP=${HTTP:-18480}
SMTP=${SMTP:-12525}
WORK=$(mktemp -d /tmp/pd-abuse.XXXXXX)
[[ -f $JAR ]] || { echo "$JAR missing: mvn -q -DskipTests package" >&2; exit 2; }
(( DURATION > 0 && DURATION <= 300 )) || { echo "DURATION must be 1-300 seconds" >&2; exit 2; }

coproc DRIVER { python3 -u bench/lib/abuse.py "$HTTP" "$SMTP" "$DURATION"; }
read -r ready <&"${DRIVER[0]}"

env -i PATH="$PATH" HOME="$WORK" LOG_LEVEL=warn \
  DIGEST_DB_URL="jdbc:sqlite:$WORK/digest.db" DIGEST_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  DIGEST_BASE_URL="http://127.0.0.1:$HTTP" DIGEST_FROM="Paper Digest <digest@example.org>" \
  SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP" HTTP_HOST=127.0.0.1 HTTP_PORT="$HTTP" DIGEST_CRON="0 0 9 ? * MON 2099" \
  java -Xmx256m -jar "$JAR" run > "$WORK/run.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$HTTP/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
echo go >&"${DRIVER[1]}"
cat <&"${DRIVER[0]}"
kill $SERVER 2>/dev/null || true
wait $SERVER 2>/dev/null || true
grep -E "ERROR|OutOfMemory" "$WORK/run.log" | head -5 || true
