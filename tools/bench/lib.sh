# Shared pieces of the benchmarks in tools/bench/ (sourced, not run).
#
# Settings (environment): BENCH_PATIENTS (100), BENCH_SEED (42), BENCH_PORT (8080), BENCH_THREADS (2),
# BENCH_PG_HOST (localhost), BENCH_PG_PORT (5432), BENCH_KEEP_DB=1, BENCH_NO_BUILD=1,
# BENCH_SERVER_JAVA_OPTS (-Xmx6g), BENCH_START_TIMEOUT_S (600), BENCH_JFR=1 (the server records a JDK Flight Recorder profile while
# each load runs, next to the loader's summary as <summary>.jfr, and the run prints
# tools/bench/jfr_summary.py's table of where the server's time went).
#
# A script sources this file, calls bench_prepare (data and jar), then bench_create_db /
# bench_start_server / bench_load / bench_stop_server as it needs; the EXIT trap stops a running
# server and drops every database bench_create_db created.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
patients=${BENCH_PATIENTS:-100}
seed=${BENCH_SEED:-42}
port=${BENCH_PORT:-8080}
threads=${BENCH_THREADS:-2}
pg_host=${BENCH_PG_HOST:-localhost}
pg_port=${BENCH_PG_PORT:-5432}
data_dir="$repo_root/tools/synthea/output/bench-p${patients}-s${seed}"
work_dir="$repo_root/tools/synthea/output/bench-runs"
base_url="http://localhost:${port}/fhir"
jar=""
server_pid=""
server_log=""
server_startup_s=""
bench_databases=()

psql_admin() {
  psql -v ON_ERROR_STOP=1 -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres "$@"
}

# psql_value DATABASE SQL: prints the single value the query returns.
psql_value() {
  local database=$1 sql=$2
  psql -v ON_ERROR_STOP=1 -q -At -h "$pg_host" -p "$pg_port" -U postgres -d "$database" -c "$sql"
}

# Seconds since the epoch with milliseconds.
now_s() {
  date +%s.%N | cut -c1-14
}

# elapsed_s START [END]: seconds between two now_s values, one decimal.
elapsed_s() {
  awk -v a="$1" -v b="${2:-$(now_s)}" 'BEGIN { printf "%.1f", b - a }'
}

# ratio A B: A / B with the given precision (default 1 decimal), "n/a" when B is 0 or empty.
ratio() {
  awk -v a="$1" -v b="$2" -v p="${3:-1}" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.*f", p, a / b }'
}

bench_stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    echo "Stopping the server (pid $server_pid)..." >&2
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

bench_drop_db() {
  local database=$1
  if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  else
    echo "Kept database $database" >&2
  fi
}

bench_cleanup() {
  bench_stop_server
  rm -f "$work_dir/server-$$.jar"
  local database
  for database in "${bench_databases[@]}"; do
    bench_drop_db "$database"
  done
  bench_databases=()
}

# Generates the data once per (patients, seed) and builds the server jar when its sources changed,
# then copies the jar so that a rebuild meanwhile cannot pull it away.
bench_prepare() {
  mkdir -p "$work_dir"
  if [[ ! -f "$data_dir/.complete" ]]; then
    rm -rf "$data_dir"
    "$repo_root/tools/synthea/generate.sh" "$patients" "$seed" "$data_dir"
    touch "$data_dir/.complete"
  fi

  jar=$(ls "$repo_root"/server/target/transitionnet-server-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1 || true)
  if [[ -z "$jar" ]] || [[ "${BENCH_NO_BUILD:-0}" != 1 && -n "$(find "$repo_root/server/src/main" "$repo_root/server/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "Building the server..." >&2
    (cd "$repo_root" && ./mvnw -B -q -pl server -am -DskipTests package)
    jar=$(ls "$repo_root"/server/target/transitionnet-server-*.jar | grep -v -- '-plain.jar' | head -1)
  fi
  jar_name=$(basename "$jar")

  if curl -s -o /dev/null "http://localhost:${port}/"; then
    echo "Port $port is already in use; set BENCH_PORT." >&2
    exit 1
  fi

  trap bench_cleanup EXIT
  cp "$jar" "$work_dir/server-$$.jar"
  jar="$work_dir/server-$$.jar"
}

# bench_create_db NAME: a fresh database, dropped on exit.
bench_create_db() {
  psql_admin -c "CREATE DATABASE $1"
  bench_databases+=("$1")
}

# bench_start_server DATABASE LOG [server arguments...]: starts the jar and waits for /fhir/metadata;
# sets server_pid and server_startup_s. Whole Synthea bundles (up to 34,300 entries) are one transaction
# each, so the server's request limits (transitionnet.limits.*) are raised for the back-load.
bench_start_server() {
  local database=$1
  server_log=$2
  shift 2
  echo "Starting $jar_name on port $port with database $database (log: $server_log)" >&2
  local started
  started=$(date +%s)
  java ${BENCH_SERVER_JAVA_OPTS:--Xmx6g} -jar "$jar" \
    --server.port="$port" \
    --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://${pg_host}:${pg_port}/${database}" \
    --spring.datasource.username=postgres \
    --spring.datasource.password= \
    --transitionnet.security.enabled=false \
    --transitionnet.limits.max-request-size=1GB \
    --transitionnet.limits.max-decompressed-size=1GB \
    --transitionnet.limits.max-bundle-entries=100000 \
    "$@" > "$server_log" 2>&1 &
  server_pid=$!

  until curl -sf -o /dev/null "$base_url/metadata"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "The server exited during startup; last log lines:" >&2
      tail -40 "$server_log" >&2
      exit 1
    fi
    if (( $(date +%s) - started > ${BENCH_START_TIMEOUT_S:-600} )); then
      echo "The server did not answer $base_url/metadata within ${BENCH_START_TIMEOUT_S:-600} s" >&2
      exit 1
    fi
    sleep 2
  done
  server_startup_s=$(( $(date +%s) - started ))
  echo "Server ready after ${server_startup_s}s" >&2
}

# jfr_start / jfr_stop FILE: with BENCH_JFR=1, a JDK Flight Recorder profile of the running server between
# the two calls, written to FILE and summarised (tools/bench/jfr_summary.py).
jfr_start() {
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jcmd "$server_pid" JFR.start name=bench settings=profile > /dev/null
  fi
}

jfr_stop() {
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jcmd "$server_pid" JFR.dump name=bench filename="$1" > /dev/null
    jcmd "$server_pid" JFR.stop name=bench > /dev/null
    echo "Profile of the server during the load: $1" >&2
    python3 "$repo_root/tools/bench/jfr_summary.py" "$1" >&2 || true
  fi
}

# cpu_ticks PID...: user + system CPU time of the processes, in clock ticks (0 for one that is gone).
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

# The PostgreSQL server processes on this machine (backends, writers, WAL), when it runs here.
postgres_pids() {
  pgrep -u postgres 2>/dev/null || true
}

# cpu_mark: remembers the CPU time used so far by the server and by PostgreSQL.
cpu_mark() {
  cpu_mark_server=$(cpu_ticks "$server_pid")
  cpu_mark_postgres=$(cpu_ticks $(postgres_pids))
  cpu_mark_at=$(now_s)
}

# cpu_split: CPU seconds of the server and of PostgreSQL since cpu_mark, as "server_cpu_s=.. postgres_cpu_s=..";
# beside the wall time they tell which side the work is on (2 cores: at most 2 CPU seconds per second).
cpu_split() {
  local hz server postgres
  hz=$(getconf CLK_TCK)
  server=$(( $(cpu_ticks "$server_pid") - cpu_mark_server ))
  postgres=$(( $(cpu_ticks $(postgres_pids)) - cpu_mark_postgres ))
  awk -v s="$server" -v p="$postgres" -v hz="$hz" -v w="$(elapsed_s "$cpu_mark_at")" \
    'BEGIN { printf "wall_s=%.1f server_cpu_s=%.1f postgres_cpu_s=%.1f", w, s / hz, p / hz }'
}

# bench_load SUMMARY_FILE: loads the data with tools/load.sh, tees its summary to the file and sets
# load_status, load_rate, load_seconds, load_resources, load_patients and load_cpu (cpu_split).
bench_load() {
  local summary=$1
  jfr_start
  cpu_mark
  set +e
  # The benchmark server runs with raised limits: whole bundles, as measured before.
  "$repo_root/tools/load.sh" --base-url "$base_url" --input "$data_dir" --threads "$threads" \
    --max-entries 100000 --max-megabytes 1000 | tee "$summary"
  load_status=${PIPESTATUS[0]}
  set -e
  load_cpu=$(cpu_split)
  jfr_stop "${summary%.txt}.jfr"
  load_rate=$(awk '$1 == "resources/s" {print $2}' "$summary")
  load_seconds=$(awk '$1 == "seconds" {print $2}' "$summary")
  load_resources=$(awk '$1 == "resources" {print $2}' "$summary")
  load_patients=$(awk '$1 == "patients" {print $2}' "$summary")
}

# fhir_count QUERY: total of "QUERY&_summary=count" (QUERY is "Type?params"), e.g.
# fhir_count 'Observation?category=...'.
fhir_count() {
  local query=$1 sep='?'
  [[ "$query" == *\?* ]] && sep='&'
  curl -sf "$base_url/${query}${sep}_summary=count" | sed -n 's/.*"total" *: *\([0-9]*\).*/\1/p'
}

# bench_count_transitions: derived transitions stored (Observations of category derived-observational-research).
bench_count_transitions() {
  fhir_count 'Observation?category=http://transitionnet.org/fhir/CodeSystem/transition-category%7Cderived-observational-research'
}

# bench_wait_derivation DATABASE TIMEOUT_S POLL_S: waits until incremental derivation has caught up:
# tn_dirty_patient empty and no transitionnet-derive-transitions job unfinished, twice in a row.
bench_wait_derivation() {
  local database=$1 timeout_s=$2 poll=$3 deadline quiet=0 dirty running
  deadline=$(( $(date +%s) + timeout_s ))
  while (( quiet < 2 )); do
    dirty=$(psql_value "$database" "SELECT count(*) FROM tn_dirty_patient")
    running=$(psql_value "$database" "SELECT count(*) FROM bt2_job_instance WHERE definition_id = 'transitionnet-derive-transitions' AND stat NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')")
    if (( dirty == 0 && running == 0 )); then quiet=$(( quiet + 1 )); else quiet=0; fi
    if (( $(date +%s) > deadline )); then
      echo "Derivation did not catch up within ${timeout_s}s (dirty=$dirty, running jobs=$running)" >&2
      exit 1
    fi
    (( quiet >= 2 )) || sleep "$poll"
  done
}

# The $rederive pieces shared by derive.sh and scaling.sh (need jq).
poll_s=${BENCH_POLL_S:-2}
derive_timeout_s=${BENCH_DERIVE_TIMEOUT_S:-7200}

# param NAME < Parameters: the value of one parameter of a Parameters resource.
param() {
  jq -r --arg n "$1" '.parameter[]? | select(.name == $n) | (.valueString // .valueDecimal // .valueInteger // .valueDateTime) | tostring'
}

# job_seconds STARTED ENDED: seconds between two FHIR dateTimes, "n/a" when either is missing.
job_seconds() {
  local a b
  a=$(date -d "$1" +%s.%N 2>/dev/null) && b=$(date -d "$2" +%s.%N 2>/dev/null) && [[ -n "$1" && -n "$2" ]] \
    && elapsed_s "$a" "$b" || echo "n/a"
}

# rederive LABEL: starts $rederive for every patient, polls until it ends; sets rederive_status,
# rederive_s (the job's status instead when it did not complete), rederive_processed and
# rederive_job_s (from the job's own start and end times).
rederive() {
  local label=$1 headers status_url body status started deadline
  headers=$(mktemp)
  started=$(now_s)
  curl -sf -D "$headers" -o /dev/null -X POST -H 'Content-Type: application/fhir+json' \
    -d '{"resourceType":"Parameters"}' "$base_url/\$rederive"
  status_url=$(tr -d '\r' < "$headers" | awk 'tolower($1) == "content-location:" {print $2}')
  rm -f "$headers"
  if [[ -z "$status_url" ]]; then
    echo "\$rederive returned no Content-Location" >&2
    exit 1
  fi
  echo "$label: polling $status_url" >&2
  deadline=$(( $(date +%s) + derive_timeout_s ))
  while :; do
    body=$(curl -sf "$status_url" || true)
    status=$(printf '%s' "$body" | param status 2>/dev/null || true)
    case "$status" in
      COMPLETED) break ;;
      FAILED|CANCELLED)
        echo "$label: job $status after $(elapsed_s "$started")s: $(printf '%s' "$body" | param error)" >&2
        rederive_status=$status rederive_s=$status rederive_job_s=n/a
        rederive_processed=$(printf '%s' "$body" | param patientsProcessed)
        return ;;
    esac
    if (( $(date +%s) > deadline )); then
      echo "$label: not done after ${derive_timeout_s}s (status $status)" >&2
      exit 1
    fi
    sleep "$poll_s"
  done
  rederive_status=COMPLETED
  rederive_s=$(elapsed_s "$started")
  rederive_processed=$(printf '%s' "$body" | param patientsProcessed)
  rederive_job_s=$(job_seconds "$(printf '%s' "$body" | param started)" "$(printf '%s' "$body" | param ended)")
  echo "$label: COMPLETED in ${rederive_s}s (job's own start..end: ${rederive_job_s}s), patientsProcessed=$rederive_processed" >&2
}
