#!/usr/bin/env bash
# Ingest benchmark: loads a fixed synthetic population into a fresh PostgreSQL database and
# reports resources/s.
#
#   tools/bench/ingest.sh
#
# 1. generates BENCH_PATIENTS (100) living patients with seed BENCH_SEED (42) once, cached under
#    tools/synthea/output/bench-p<N>-s<SEED>/ (deceased patients are exported in addition);
# 2. creates database transitionnet_bench_<pid> on localhost:5432 (user postgres, trust auth);
# 3. starts server/target/transitionnet-server-*.jar against it (built when missing or older than
#    server/src; BENCH_NO_BUILD=1 uses the jar as it is) on BENCH_PORT (8080), with token security
#    off (a local throughput measurement, not a deployment), and waits for
#    /fhir/metadata;
# 4. loads with tools/load.sh (BENCH_THREADS, default 2; default exclusions), then prints the
#    loader's summary and one BENCH line;
# 5. stops the server and drops the database (BENCH_KEEP_DB=1 keeps it).
# Extra arguments are passed to the server, e.g. --transitionnet.ingest.mass-ingestion-mode=true
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
patients=${BENCH_PATIENTS:-100}
seed=${BENCH_SEED:-42}
port=${BENCH_PORT:-8080}
threads=${BENCH_THREADS:-2}
pg_host=${BENCH_PG_HOST:-localhost}
pg_port=${BENCH_PG_PORT:-5432}
database="transitionnet_bench_$$"
data_dir="$repo_root/tools/synthea/output/bench-p${patients}-s${seed}"
work_dir="$repo_root/tools/synthea/output/bench-runs"
server_log="$work_dir/server-$$.log"
base_url="http://localhost:${port}/fhir"
server_pid=""

psql_admin() {
  psql -v ON_ERROR_STOP=1 -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres "$@"
}

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    echo "Stopping the server (pid $server_pid)..." >&2
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -f "$work_dir/server-$$.jar"
  if [[ "${BENCH_KEEP_DB:-0}" != 1 ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  else
    echo "Kept database $database" >&2
  fi
}

mkdir -p "$work_dir"

# 1. Data, generated once per (patients, seed).
if [[ ! -f "$data_dir/.complete" ]]; then
  rm -rf "$data_dir"
  "$repo_root/tools/synthea/generate.sh" "$patients" "$seed" "$data_dir"
  touch "$data_dir/.complete"
fi

# 2. Server jar, rebuilt only when its sources changed.
jar=$(ls "$repo_root"/server/target/transitionnet-server-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1 || true)
if [[ -z "$jar" ]] || [[ "${BENCH_NO_BUILD:-0}" != 1 && -n "$(find "$repo_root/server/src/main" "$repo_root/server/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "Building the server..." >&2
  (cd "$repo_root" && ./mvnw -q -pl server -am -DskipTests package)
  jar=$(ls "$repo_root"/server/target/transitionnet-server-*.jar | grep -v -- '-plain.jar' | head -1)
fi

if curl -s -o /dev/null "http://localhost:${port}/"; then
  echo "Port $port is already in use; set BENCH_PORT." >&2
  exit 1
fi

# 3. Fresh database and server, run from a copy so that a rebuild meanwhile cannot pull the jar away.
trap cleanup EXIT
cp "$jar" "$work_dir/server-$$.jar"
jar_name=$(basename "$jar")
jar="$work_dir/server-$$.jar"
psql_admin -c "CREATE DATABASE $database"
echo "Starting $jar_name on port $port with database $database (log: $server_log)" >&2
started=$(date +%s)
java ${BENCH_SERVER_JAVA_OPTS:--Xmx6g} -jar "$jar" \
  --server.port="$port" \
  --spring.profiles.active=postgres \
  --spring.datasource.url="jdbc:postgresql://${pg_host}:${pg_port}/${database}" \
  --spring.datasource.username=postgres \
  --spring.datasource.password= \
  --transitionnet.security.enabled=false \
  "$@" > "$server_log" 2>&1 &
server_pid=$!

until curl -sf -o /dev/null "$base_url/metadata"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The server exited during startup; last log lines:" >&2
    tail -40 "$server_log" >&2
    exit 1
  fi
  if (( $(date +%s) - started > 600 )); then
    echo "The server did not answer $base_url/metadata within 600 s" >&2
    exit 1
  fi
  sleep 2
done
startup=$(( $(date +%s) - started ))
echo "Server ready after ${startup}s" >&2

# 4. Load.
summary="$work_dir/load-$$.txt"
set +e
"$repo_root/tools/load.sh" --base-url "$base_url" --input "$data_dir" --threads "$threads" | tee "$summary"
load_status=${PIPESTATUS[0]}
set -e

rate=$(awk '$1 == "resources/s" {print $2}' "$summary")
seconds=$(awk '$1 == "seconds" {print $2}' "$summary")
resources=$(awk '$1 == "resources" {print $2}' "$summary")
loaded=$(awk '$1 == "patients" {print $2}' "$summary")
echo "BENCH ingest: patients=$loaded resources=$resources seconds=$seconds resources_per_s=$rate threads=$threads server_startup_s=$startup"
exit "$load_status"
