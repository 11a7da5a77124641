#!/usr/bin/env bash
# bench/run.sh — paper-digest's sending benchmark (issue 6). See bench/README.md.
#
# Measures, on loopback against Postfix's smtp-sink, how fast each sender gets N
# personalised ~31 KB digests out over C reused connections:
#   smtp-source (the ceiling), nodemailer (pooled), plain Jakarta Mail,
#   Simple Java Mail (batch module), and paper-digest's own `send`; nodemailer and
#   paper-digest also with DKIM on (rsa-sha256, one 2048-bit key for both; issue 16).
# Prints a markdown table (msgs/s median [min–max], CPU s, peak RSS) and writes
# bench/results/latest.json (+ latest.md).
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/run.sh [--smoke] [--n N] [--c "1 4 8"] [--runs R] [--senders "…"] [--nagle N] [--keep]

  --smoke          quick check that the harness works: N=200, RUNS=1, C="1 4"
  --n N            messages per measurement              (env N, default 20000)
  --c "LIST"       connection counts to measure          (env CONCURRENCY, default "1 4 8")
  --runs R         repetitions of every measurement      (env RUNS, default 3)
  --senders "…"    subset of: smtp-source nodemailer nodemailer-dkim jakarta sjm
                   paper-digest paper-digest-dkim
                                                          (env SENDERS, default all)
  --nagle N        also run Jakarta Mail with default sockets (no TCP_NODELAY),
                   N messages per measurement, to show the Nagle stall
                                                          (env NAGLE_N, default 0 = off)
  --keep           keep the scratch directory (logs, dumps) for inspection

Environment: PD_JAR (default target/paper-digest.jar), PD_JAVA_OPTS (JVM options of
paper-digest's unsigned `send`), PD_DKIM_JAVA_OPTS (JVM options of its signed `send`), PD_PAPERS (papers per digest, default 4: about the peers' message size), PD_CDS (1: class data sharing as bin/paper-digest uses it, after one untimed send; 0: off), PEER_JAVA_OPTS (JVM options of the Java peers), BENCH_CACHE
(default bench/.cache), BENCH_PORT (default: a free port).
USAGE
}

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
CACHE_DIR=${BENCH_CACHE:-$BENCH_DIR/.cache}
RESULTS_DIR=$BENCH_DIR/results
FIXTURES=$BENCH_DIR/fixtures

N=${N:-20000}
CONCURRENCY=${CONCURRENCY:-"1 4 8"}
RUNS=${RUNS:-3}
ALL_SENDERS="smtp-source nodemailer nodemailer-dkim jakarta sjm paper-digest paper-digest-dkim"
SENDERS=${SENDERS:-$ALL_SENDERS}
NAGLE_N=${NAGLE_N:-0}
PD_JAR=${PD_JAR:-$REPO_DIR/target/paper-digest.jar}
PD_JAVA_OPTS=${PD_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m}
# Signed, the same options: RSA and SHA-256 run in native code (see the README's JVM options); with
# -Dpaperdigest.crypto.jdk=true (the JDK's RSA) use tiered compilation instead: -XX:+UseSerialGC -Xmx96m.
PD_DKIM_JAVA_OPTS=${PD_DKIM_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m}
PD_PAPERS=${PD_PAPERS:-4}
PEER_JAVA_OPTS=${PEER_JAVA_OPTS:-}
KEEP=${KEEP:-0}
MODE=full

while [[ $# -gt 0 ]]; do
  case $1 in
    --smoke) MODE=smoke; N=200; RUNS=1; CONCURRENCY="1 4"; shift ;;
    --n) [[ $# -ge 2 ]] || die "--n needs a value"; N=$2; shift 2 ;;
    --c|--concurrency) [[ $# -ge 2 ]] || die "--c needs a value"; CONCURRENCY=$2; shift 2 ;;
    --runs) [[ $# -ge 2 ]] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
    --senders) [[ $# -ge 2 ]] || die "--senders needs a value"; SENDERS=$2; shift 2 ;;
    --nagle) [[ $# -ge 2 ]] || die "--nagle needs a value"; NAGLE_N=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

is_pos_int() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
is_pos_int "$N" || die "N must be a positive integer (got '$N')"
is_pos_int "$RUNS" || die "RUNS must be a positive integer (got '$RUNS')"
[[ $NAGLE_N =~ ^[0-9]+$ ]] || die "NAGLE_N must be a number (got '$NAGLE_N')"
for c in $CONCURRENCY; do is_pos_int "$c" || die "CONCURRENCY must list positive integers (got '$CONCURRENCY')"; done
[[ -n ${CONCURRENCY// /} ]] || die "CONCURRENCY is empty"
for s in $SENDERS; do
  case " $ALL_SENDERS " in *" $s "*) ;; *) die "unknown sender '$s' (use: $ALL_SENDERS)" ;; esac
done
has_sender() { [[ " $SENDERS " == *" $1 "* ]]; }

# ---------------------------------------------------------------- prerequisites
AS_ROOT=0; [[ $(id -u) -eq 0 ]] && AS_ROOT=1
APT_UPDATED=0
apt_install() { # packages…
  [[ $AS_ROOT -eq 1 ]] || die "need the Debian package(s) '$*'; run as root or install them: apt-get install -y $*"
  if [[ $APT_UPDATED -eq 0 ]]; then apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (measures CPU seconds and peak RSS)"
  apt_install time
fi
for tool in java node; do
  command -v "$tool" >/dev/null || die "'$tool' not found on PATH (needed by the peers)"
done
if has_sender jakarta || has_sender sjm; then command -v mvn >/dev/null || die "'mvn' not found (builds bench/peers/java)"; fi
if has_sender nodemailer || has_sender nodemailer-dkim; then command -v npm >/dev/null || die "'npm' not found (installs bench/peers/node)"; fi

mkdir -p "$CACHE_DIR" "$RESULTS_DIR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/paper-digest-bench.XXXXXX")
SINK_PID=""       # the measuring sink
DUMP_SINK_PID=""  # the sink that dumps one message per sender (message check)
CHILD_PGID=""     # the measurement in progress (its own process group)
stop_pid() { # pid
  if [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $CHILD_PGID ]]; then kill -TERM -- "-$CHILD_PGID" 2>/dev/null || true; fi
  stop_pid "$DUMP_SINK_PID"
  stop_pid "$SINK_PID"
  if [[ $KEEP -eq 1 || $rc -eq 1 ]]; then
    echo "bench: scratch directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Postfix's smtp-sink / smtp-source, unpacked from the Debian package (never installed:
# installing postfix would start a mail server).
PF=$CACHE_DIR/postfix
ensure_postfix() {
  if [[ -x $PF/usr/sbin/smtp-sink && -x $PF/usr/sbin/smtp-source ]]; then return; fi
  command -v apt-get >/dev/null || die "apt-get not found: cannot fetch Debian's postfix package for smtp-sink/smtp-source"
  command -v dpkg >/dev/null || die "dpkg not found: cannot unpack the postfix package"
  log "fetching Postfix's smtp-sink/smtp-source: apt-get download postfix && dpkg -x (no install)"
  local deb=$CACHE_DIR/deb
  rm -rf "$deb" && mkdir -p "$deb"
  if ! (cd "$deb" && apt-get download postfix >"$WORK/apt-download.log" 2>&1); then
    if [[ $AS_ROOT -eq 1 ]]; then
      apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1
      (cd "$deb" && apt-get download postfix >"$WORK/apt-download.log" 2>&1) \
        || { cat "$WORK/apt-download.log" >&2; die "apt-get download postfix failed"; }
    else
      cat "$WORK/apt-download.log" >&2; die "apt-get download postfix failed (try 'apt-get update' as root first)"
    fi
  fi
  local pkg; pkg=$(ls "$deb"/postfix_*.deb 2>/dev/null | head -1)
  [[ -n $pkg ]] || die "apt-get download postfix produced no .deb"
  rm -rf "$PF.tmp" && dpkg -x "$pkg" "$PF.tmp" && rm -rf "$PF" && mv "$PF.tmp" "$PF"
  dpkg-deb -f "$pkg" Version >"$PF/VERSION" 2>/dev/null || true
  [[ -x $PF/usr/sbin/smtp-sink ]] || die "smtp-sink missing from $pkg"
}
ensure_postfix
if LD_LIBRARY_PATH=$PF/usr/lib/postfix ldd "$PF/usr/sbin/smtp-sink" "$PF/usr/sbin/smtp-source" 2>/dev/null | grep -q "not found"; then
  log "smtp-sink needs shared libraries that are missing; installing postfix's library dependencies"
  libs=$(dpkg-deb -f "$(ls "$CACHE_DIR"/deb/postfix_*.deb | head -1)" Depends | tr ',' '\n' | sed 's/[ (].*//; s/^ *//' | grep '^lib' || true)
  # shellcheck disable=SC2086
  [[ -n $libs ]] && apt_install $libs
  LD_LIBRARY_PATH=$PF/usr/lib/postfix ldd "$PF/usr/sbin/smtp-sink" | grep "not found" >&2 && die "smtp-sink still misses libraries"
fi
PF_VERSION=$(cat "$PF/VERSION" 2>/dev/null || echo unknown)
SINK_BIN=$PF/usr/sbin/smtp-sink
SOURCE_BIN=$PF/usr/sbin/smtp-source
pf_run() { LD_LIBRARY_PATH=$PF/usr/lib/postfix${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$@"; }

# The peers.
PEERS_JAR=$BENCH_DIR/peers/java/target/bench-peers.jar
need_java_peers=0; { has_sender jakarta || has_sender sjm || [[ $NAGLE_N -gt 0 ]] || has_sender smtp-source; } && need_java_peers=1
if [[ $need_java_peers -eq 1 ]]; then
  if [[ ! -f $PEERS_JAR ]] || [[ -n $(find "$BENCH_DIR/peers/java/src" "$BENCH_DIR/peers/java/pom.xml" -newer "$PEERS_JAR" -print -quit) ]]; then
    log "building the Java peers (bench/peers/java)"
    (cd "$BENCH_DIR/peers/java" && mvn -q -B package >"$WORK/mvn-peers.log" 2>&1) \
      || { tail -40 "$WORK/mvn-peers.log" >&2; die "building bench/peers/java failed (log above)"; }
  fi
fi
if has_sender nodemailer || has_sender nodemailer-dkim; then
  NODE_DIR=$BENCH_DIR/peers/node
  if [[ ! -f $NODE_DIR/node_modules/.package-lock.json || $NODE_DIR/package-lock.json -nt $NODE_DIR/node_modules/.package-lock.json ]]; then
    log "installing the node peer (npm ci in bench/peers/node)"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund >"$WORK/npm-ci.log" 2>&1) \
      || { tail -40 "$WORK/npm-ci.log" >&2; die "npm ci in bench/peers/node failed (log above)"; }
  fi
fi

PD_SKIP_REASON=""
if { has_sender paper-digest || has_sender paper-digest-dkim; } && [[ ! -f $PD_JAR ]]; then
  PD_SKIP_REASON="paper-digest: skipped (build with mvn -q -DskipTests package)"
  echo "$PD_SKIP_REASON"
  SENDERS=$(echo " $SENDERS " | sed 's/ paper-digest / /; s/ paper-digest-dkim / /; s/^ *//; s/ *$//')
fi

# One 2048-bit RSA key for every signed row (PKCS#8 PEM), made by paper-digest's own
# `dkim keygen` (or, without the jar, by node's crypto: the same kind of key).
DKIM_DOMAIN=example.org   # the domain of DIGEST_FROM (digest@example.org) and of nodemailer's From
DKIM_SELECTOR=bench
DKIM_KEY=""
if has_sender nodemailer-dkim || has_sender paper-digest-dkim; then
  DKIM_KEY=$WORK/dkim/$DKIM_SELECTOR.private.pem
  if [[ -f $PD_JAR ]]; then
    java -jar "$PD_JAR" dkim keygen --selector "$DKIM_SELECTOR" --domain "$DKIM_DOMAIN" --out "$WORK/dkim" >"$WORK/dkim-keygen.log" 2>&1 \
      || { cat "$WORK/dkim-keygen.log" >&2; die "paper-digest dkim keygen failed (log above)"; }
  else
    mkdir -p "$WORK/dkim"
    node -e '
      const { generateKeyPairSync } = require("crypto");
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
      require("fs").writeFileSync(process.argv[1], privateKey, { mode: 0o600 });
    ' "$DKIM_KEY" || die "could not make a DKIM key"
  fi
  [[ -f $DKIM_KEY ]] || die "no DKIM key at $DKIM_KEY"
  log "DKIM key for the signed rows: RSA 2048, d=$DKIM_DOMAIN s=$DKIM_SELECTOR ($DKIM_KEY)"
fi
NM_DKIM_ARGS=(--dkim-key "$DKIM_KEY" --dkim-domain "$DKIM_DOMAIN" --dkim-selector "$DKIM_SELECTOR")

# ---------------------------------------------------------------- the sink
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})"
}
PORT=${BENCH_PORT:-$(free_port)}
SINK_LOG=$WORK/sink.log
SINK_USER_ARGS=(); [[ $AS_ROOT -eq 1 ]] && SINK_USER_ARGS=(-u root)
# Fastest sensible mode: accept and discard (no -d/-D dump, no delays), -c for the
# running counters we use to check every message arrived and how many connections
# were used; backlog 1024.
start_sink() { # port log [extra args…] -> sets STARTED_PID
  local port=$1 logf=$2; shift 2
  # env execs the sink, so $! is the sink's own pid (a backgrounded shell function would
  # be a subshell, and killing it would leave the sink running).
  env "LD_LIBRARY_PATH=$PF/usr/lib/postfix" "$SINK_BIN" "${SINK_USER_ARGS[@]}" "$@" "127.0.0.1:$port" 1024 >"$logf" 2>&1 &
  STARTED_PID=$!
  for _ in $(seq 1 50); do
    if ! kill -0 "$STARTED_PID" 2>/dev/null; then cat "$logf" >&2; die "smtp-sink exited at start (log above)"; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
    sleep 0.1
  done
  stop_pid "$STARTED_PID"
  die "smtp-sink did not listen on 127.0.0.1:$port within 5 s"
}
start_sink "$PORT" "$SINK_LOG" -c
SINK_PID=$STARTED_PID
log "smtp-sink (postfix $PF_VERSION) listening on 127.0.0.1:$PORT, pid $SINK_PID"

# smtp-sink -c prints "sess=S quit=Q mesg=M" after every message and session end.
sink_counters() { # -> "sessions messages"
  local last
  last=$(tail -c 300 "$SINK_LOG" | tr '\r' '\n' | grep -E 'sess=[0-9]+ .*mesg=[0-9]+' | tail -1 || true)
  if [[ -z $last ]]; then echo "0 0"; return; fi
  echo "$(sed -E 's/.*sess=([0-9]+).*/\1/' <<<"$last") $(sed -E 's/.*mesg=([0-9]+).*/\1/' <<<"$last")"
}

# ---------------------------------------------------------------- the message
EML=$WORK/sample.eml
if [[ $need_java_peers -eq 1 ]]; then
  java -jar "$PEERS_JAR" eml --out "$EML" --fixtures "$FIXTURES" >"$WORK/eml.json" \
    || die "could not build the sample message"
fi

# Subscribers CSV for paper-digest (header email,name,topics; topics separated by ';').
make_csv() { # n file
  awk -v n="$1" 'BEGIN {
    split("nlp;transformers|vision;detection|nas;automl|video;3d-depth|vision|representation-learning;nlp", t, "|");
    print "email,name,topics";
    for (i = 0; i < n; i++) printf "user%d@example.org,User %d,%s\n", i, i, t[(i % 6) + 1];
  }' >"$2"
}

pd_env() { # dbfile c [signed] -> prints env assignments, one per line
  local db=$1 c=$2 signed=${3:-0}
  echo "PATH=$PATH"
  echo "HOME=${HOME:-/root}"
  echo "LANG=C.UTF-8"
  [[ -n ${JAVA_HOME:-} ]] && echo "JAVA_HOME=$JAVA_HOME"
  echo "TMPDIR=${TMPDIR:-/tmp}"
  echo "DIGEST_DB_URL=jdbc:sqlite:$db"
  echo "SMTP_HOST=127.0.0.1"
  echo "SMTP_PORT=$PORT"
  echo "SMTP_SECURITY=none"
  echo "SMTP_POOL_SIZE=$c"
  echo "DIGEST_BASE_URL=https://digest.example.org"
  echo "DIGEST_SECRET=$(openssl rand -hex 32)"
  echo "DIGEST_FROM=digest@example.org"
  # Four papers make paper-digest's digest about the size of the peers' fixture (~31 KB on the wire).
  echo "DIGEST_PAPERS_PER_ISSUE=$PD_PAPERS"
  [[ -d $REPO_DIR/templates ]] && echo "DIGEST_TEMPLATES=$REPO_DIR/templates"
  if [[ $signed -eq 1 ]]; then
    echo "DKIM_DOMAIN=$DKIM_DOMAIN"
    echo "DKIM_SELECTOR=$DKIM_SELECTOR"
    echo "DKIM_PRIVATE_KEY_FILE=$DKIM_KEY"
  fi
  return 0
}
run_pd() { # dir c cmd-args… : runs paper-digest in a clean environment (no .env, no stray SMTP_*)
  local dir=$1 c=$2; shift 2
  local -a envs; mapfile -t envs < <(pd_env "$dir/digest.db" "$c" "${PD_SIGNED:-0}")
  env -i -C "$dir" "${envs[@]}" "$@"
}

# Message size and shape on the wire, per sender: one message each into a dumping sink.
SIZES_JSON=$WORK/sizes.jsonl
: >"$SIZES_JSON"
check_messages() {
  local port dumpdir
  port=$(free_port); dumpdir=$WORK/dump; mkdir -p "$dumpdir"
  start_sink "$port" "$WORK/dump-sink.log" -d "$dumpdir/%H%M%S."
  DUMP_SINK_PID=$STARTED_PID
  one() { # sender cmd…
    local sender=$1; shift
    local before after f
    before=$(ls "$dumpdir" | wc -l)
    if "$@" >"$WORK/check-$sender.out" 2>&1; then
      sleep 0.2
      f=$(ls -t "$dumpdir" | head -1); after=$(ls "$dumpdir" | wc -l)
      if [[ $after -gt $before && -n $f ]]; then
        node "$BENCH_DIR/lib/msgshape.js" "$sender" "$dumpdir/$f" >>"$SIZES_JSON" || true
      fi
    else
      log "message check for $sender failed (see $WORK/check-$sender.out)"
    fi
  }
  for s in $SENDERS; do
    case $s in
      smtp-source) one smtp-source pf_run "$SOURCE_BIN" -d -s 1 -m 1 -M bench.example.org -F "$EML" \
                     -f digest@example.org -t user0@example.org "127.0.0.1:$port" ;;
      nodemailer) one nodemailer node "$BENCH_DIR/peers/node/send.js" --port "$port" --n 1 --c 1 --fixtures "$FIXTURES" ;;
      nodemailer-dkim) one nodemailer-dkim node "$BENCH_DIR/peers/node/send.js" --port "$port" --n 1 --c 1 --fixtures "$FIXTURES" \
                         "${NM_DKIM_ARGS[@]}" ;;
      jakarta) one jakarta java -jar "$PEERS_JAR" jakarta --port "$port" --n 1 --c 1 --fixtures "$FIXTURES" ;;
      sjm) one sjm java -jar "$PEERS_JAR" sjm --port "$port" --n 1 --c 1 --fixtures "$FIXTURES" ;;
      paper-digest|paper-digest-dkim)
        local signed=0; [[ $s == paper-digest-dkim ]] && signed=1
        local d=$WORK/check-$s; mkdir -p "$d"; make_csv 1 "$d/one.csv"
        local -a envs; mapfile -t envs < <(PORT=$port pd_env "$d/digest.db" 1 "$signed")
        if env -i -C "$d" "${envs[@]}" java -jar "$PD_JAR" subscribers import "$d/one.csv" >"$d/import.log" 2>&1; then
          one "$s" env -i -C "$d" "${envs[@]}" java -jar "$PD_JAR" send --to user0@example.org
        else
          log "message check for $s: import failed (see $d/import.log)"
        fi ;;
    esac
  done
  stop_pid "$DUMP_SINK_PID"; DUMP_SINK_PID=""
}

# ---------------------------------------------------------------- measuring
RAW=$WORK/raw.jsonl
: >"$RAW"
FAILURES=0

# measure SENDER LABEL C RUN N CMD… : wall, CPU (user+sys) and peak RSS of CMD via GNU time.
measure() {
  local sender=$1 c=$2 run=$3 n=$4; shift 4
  local tag=$sender-c$c-r$run
  local out=$WORK/$tag.out err=$WORK/$tag.err tf=$WORK/$tag.time
  local s0 m0 s1 m1 rc=0
  read -r s0 m0 < <(sink_counters)
  # In the background, in its own process group, so that an interrupt stops it at once.
  setsid /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$out" 2>"$err" </dev/null &
  CHILD_PGID=$!
  wait "$CHILD_PGID" || rc=$?
  CHILD_PGID=""
  # The sink counts a message before it answers the final dot, so it is already
  # counted; give its stdout a moment anyway.
  for _ in $(seq 1 20); do
    read -r s1 m1 < <(sink_counters)
    [[ $((m1 - m0)) -ge $n ]] && break
    sleep 0.1
  done
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$tf" 2>/dev/null || echo "0 0 0 0")
  local received=$((m1 - m0)) sessions=$((s1 - s0)) ok=true error=""
  if [[ $rc -ne 0 ]]; then
    ok=false; error="exit code $rc"
  elif [[ $received -ne $n ]]; then
    ok=false; error="sink received $received of $n messages"
  fi
  local self; self=$(grep -E '^\{.*"sent"' "$out" 2>/dev/null | tail -1 || true)
  if [[ $ok == false ]]; then
    FAILURES=$((FAILURES + 1))
    log "FAILED $sender C=$c run $run: $error"
    log "  command: $*"
    tail -5 "$err" | sed 's/^/  stderr: /' >&2 || true
    tail -5 "$out" | sed 's/^/  stdout: /' >&2 || true
  fi
  node -e '
    const [sender, c, run, n, wall, user, sys, rss, received, sessions, ok, error, self, extra] = process.argv.slice(1);
    let selfj = null; try { selfj = self ? JSON.parse(self) : null; } catch (e) {}
    const r = { sender, c: +c, run: +run, n: +n, wall_s: +wall, user_s: +user, sys_s: +sys,
      cpu_s: +(+user + +sys).toFixed(2), peak_rss_mb: +(rss / 1024).toFixed(1),
      msgs_per_s: +wall > 0 ? +(+n / +wall).toFixed(1) : null,
      sink_messages: +received, sink_connections: +sessions, ok: ok === "true", error: error || null,
      self_report: selfj, ...JSON.parse(extra || "{}") };
    console.log(JSON.stringify(r));
  ' "$sender" "$c" "$run" "$n" "$wall" "$user" "$sys" "$rss" "$received" "$sessions" "$ok" "$error" "$self" "${EXTRA:-}" >>"$RAW"
  printf 'bench: %-12s C=%-2s run %s/%s  %6s s  %8s msgs/s  cpu %6s s  rss %6s MB  conns %s%s\n' \
    "$sender" "$c" "$run" "$RUNS" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN{ if (w > 0) printf "%.0f", n / w; else print "-" }')" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')" "$(awk -v r="$rss" 'BEGIN{printf "%.0f", r / 1024}')" \
    "$sessions" "$([[ $ok == true ]] || echo "  FAILED: $error")" >&2
}

measure_pd() { # sender c run  (sender: paper-digest, or paper-digest-dkim for a signed send)
  local sender=$1 c=$2 run=$3
  local signed=0 java_opts=$PD_JAVA_OPTS
  [[ $sender == paper-digest-dkim ]] && { signed=1; java_opts=$PD_DKIM_JAVA_OPTS; }
  local d=$WORK/$sender-c$c-r$run
  mkdir -p "$d"
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  PD_SIGNED=$signed run_pd "$d" "$c" java -jar "$PD_JAR" subscribers import "$PD_CSV" >"$d/import.out" 2>"$d/import.err" || rc=$?
  t1=$(date +%s.%N)
  if [[ $rc -ne 0 ]]; then
    FAILURES=$((FAILURES + 1))
    log "FAILED $sender C=$c run $run: 'subscribers import' exited $rc"
    tail -5 "$d/import.err" | sed 's/^/  stderr: /' >&2 || true
    echo "{\"sender\":\"$sender\",\"c\":$c,\"run\":$run,\"n\":$N,\"ok\":false,\"error\":\"subscribers import exited $rc\"}" >>"$RAW"
    return
  fi
  local import_s; import_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
  java_opts="$java_opts${PD_CDS_OPTS[$sender]:+ ${PD_CDS_OPTS[$sender]}}"
  local -a opts=(); [[ -n $java_opts ]] && read -r -a opts <<<"$java_opts"
  local -a envs; mapfile -t envs < <(pd_env "$d/digest.db" "$c" "$signed")
  # Only `send` is timed; env -i -C: clean environment (no stray SMTP_*), no .env in the cwd.
  EXTRA="{\"import_s\":$import_s,\"java_opts\":\"$java_opts\"}" measure "$sender" "$c" "$run" "$N" \
    env -i -C "$d" "${envs[@]}" java "${opts[@]}" -jar "$PD_JAR" send
  [[ $KEEP -eq 1 ]] || rm -f "$d/digest.db" "$d/digest.db-wal" "$d/digest.db-shm"
}

echo "bench: N=$N RUNS=$RUNS C=\"$CONCURRENCY\" senders=\"$SENDERS\" mode=$MODE" >&2
check_messages

if has_sender paper-digest || has_sender paper-digest-dkim; then PD_CSV=$WORK/subscribers.csv; make_csv "$N" "$PD_CSV"; fi

# Class data sharing, as bin/paper-digest uses it: the launcher writes an archive of the classes a
# command loads on its first run and maps it on every later one (README, JVM options). Here one
# untimed send of 200 readers per row writes it; PD_CDS=0 measures without.
PD_CDS=${PD_CDS:-1}
declare -A PD_CDS_OPTS=()
train_cds() { # sender
  local sender=$1 signed=0
  [[ $sender == paper-digest-dkim ]] && signed=1
  local d=$WORK/cds-$sender archive=$WORK/cds-$sender.jsa
  mkdir -p "$d"; make_csv 200 "$d/train.csv"
  local -a envs; mapfile -t envs < <(pd_env "$d/digest.db" 4 "$signed")
  local -a opts=(); local java_opts=$PD_JAVA_OPTS; [[ $signed -eq 1 ]] && java_opts=$PD_DKIM_JAVA_OPTS
  [[ -n $java_opts ]] && read -r -a opts <<<"$java_opts"
  if env -i -C "$d" "${envs[@]}" java -jar "$PD_JAR" subscribers import "$d/train.csv" >"$d/import.log" 2>&1 \
     && env -i -C "$d" "${envs[@]}" java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
          -jar "$PD_JAR" send >"$d/send.log" 2>&1 && [[ -s $archive ]]; then
    PD_CDS_OPTS[$sender]="-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
    log "class data sharing archive for $sender: $(du -h "$archive" | cut -f1) ($archive)"
  else
    log "could not write a class data sharing archive for $sender (see $d); measuring without"
  fi
}
if [[ $PD_CDS == 1 ]]; then
  for s in paper-digest paper-digest-dkim; do has_sender "$s" && train_cds "$s"; done
fi

declare -a JOPTS=(); [[ -n $PEER_JAVA_OPTS ]] && read -r -a JOPTS <<<"$PEER_JAVA_OPTS"
for run in $(seq 1 "$RUNS"); do
  for c in $CONCURRENCY; do
    for s in $SENDERS; do
      case $s in
        smtp-source)
          measure smtp-source "$c" "$run" "$N" env "LD_LIBRARY_PATH=$PF/usr/lib/postfix" "$SOURCE_BIN" -d -s "$c" -m "$N" -M bench.example.org \
            -F "$EML" -f digest@example.org -t user0@example.org "127.0.0.1:$PORT" ;;
        nodemailer)
          measure nodemailer "$c" "$run" "$N" node "$BENCH_DIR/peers/node/send.js" --port "$PORT" --n "$N" --c "$c" --fixtures "$FIXTURES" ;;
        nodemailer-dkim)
          measure nodemailer-dkim "$c" "$run" "$N" node "$BENCH_DIR/peers/node/send.js" --port "$PORT" --n "$N" --c "$c" \
            --fixtures "$FIXTURES" "${NM_DKIM_ARGS[@]}" ;;
        jakarta)
          measure jakarta "$c" "$run" "$N" java "${JOPTS[@]}" -jar "$PEERS_JAR" jakarta --port "$PORT" --n "$N" --c "$c" --fixtures "$FIXTURES" ;;
        sjm)
          measure sjm "$c" "$run" "$N" java "${JOPTS[@]}" -jar "$PEERS_JAR" sjm --port "$PORT" --n "$N" --c "$c" --fixtures "$FIXTURES" ;;
        paper-digest|paper-digest-dkim)
          measure_pd "$s" "$c" "$run" ;;
      esac
    done
    if [[ $NAGLE_N -gt 0 ]]; then
      measure jakarta-nagle "$c" "$run" "$NAGLE_N" java "${JOPTS[@]}" -jar "$PEERS_JAR" jakarta --nodelay false \
        --port "$PORT" --n "$NAGLE_N" --c "$c" --fixtures "$FIXTURES"
    fi
  done
done

# ---------------------------------------------------------------- report
META=$WORK/meta.json
node -e '
  const fs = require("fs");
  const [n, runs, cs, senders, mode, port, pfv, pdJar, pdOpts, pdDkimOpts, peerOpts, pdSkip, nagle, eml, sizes, pdCds] = process.argv.slice(1);
  const os = require("os");
  const readJson = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch (e) { return null; } };
  const lines = (f) => { try { return fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)); } catch (e) { return []; } };
  const meta = {
    date: new Date().toISOString(), mode, n: +n, runs: +runs, concurrency: cs.trim().split(/\s+/).map(Number),
    senders: senders.trim().split(/\s+/).filter(Boolean), nagle_n: +nagle,
    machine: { cpus: os.cpus().length, cpu_model: (os.cpus()[0] || {}).model, mem_gb: +(os.totalmem() / 2**30).toFixed(1),
      kernel: os.release(), loadavg_at_end: os.loadavg().map((x) => +x.toFixed(2)) },
    versions: { postfix: pfv, node: process.version },
    paper_digest: { jar: pdJar, java_opts: pdOpts, dkim_java_opts: pdDkimOpts, cds: pdCds === "1", skipped: pdSkip || null },
    peer_java_opts: peerOpts, sample_message: readJson(eml), message_shapes: lines(sizes),
  };
  fs.writeFileSync(process.argv[process.argv.length - 1], JSON.stringify(meta));
' "$N" "$RUNS" "$CONCURRENCY" "$SENDERS" "$MODE" "$PORT" "$PF_VERSION" "$PD_JAR" "$PD_JAVA_OPTS" "$PD_DKIM_JAVA_OPTS" "$PEER_JAVA_OPTS" \
  "$PD_SKIP_REASON" "$NAGLE_N" "$WORK/eml.json" "$SIZES_JSON" "$([[ ${#PD_CDS_OPTS[@]} -gt 0 ]] && echo 1 || echo 0)" "$META"
JAVA_VERSION=$(java -version 2>&1 | head -1)
node "$BENCH_DIR/lib/report.js" "$META" "$RAW" "$RESULTS_DIR/latest.json" "$RESULTS_DIR/latest.md" "$JAVA_VERSION"
echo >&2
log "raw results: $RESULTS_DIR/latest.json; table: $RESULTS_DIR/latest.md"
if [[ $FAILURES -gt 0 ]]; then
  die "$FAILURES measurement(s) failed (marked in the table)"
fi
