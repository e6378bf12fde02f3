#!/usr/bin/env bash
# Read latency benchmark: Patient/{id}/$transitions and Patient/{id}/$trajectory, which read stored
# transitions, stored not-derived reasons and the fact projection (they never derive).
#
#   tools/bench/latency.sh [server arguments...]
#
# Same data, jar, settings and knobs as tools/bench/ingest.sh (shared pieces in tools/bench/lib.sh).
# 1. database transitionnet_bench_<pid>_latency: ingest (incremental derivation on) and wait until
#    derivation has caught up; BENCH_DB=<existing database> uses that database as it is instead;
# 2. picks BENCH_LATENCY_PATIENTS (20) patients: the 5 with the most Observations and the rest at
#    random; calls each operation once per patient to warm up, then BENCH_LATENCY_ROUNDS (3) times
#    per patient, timing each call (curl time_total);
# 3. prints one "BENCH latency:" line with p50/p95/max in milliseconds per operation, stops the
#    server and drops the database (BENCH_KEEP_DB=1 keeps it).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample=${BENCH_LATENCY_PATIENTS:-20}
rounds=${BENCH_LATENCY_ROUNDS:-3}
timeout_s=${BENCH_DERIVE_TIMEOUT_S:-7200}
server_log_file="$work_dir/server-$$-latency.log"

# percentiles FILE: "p50 p95 max" of the milliseconds in FILE (one per line), nearest-rank.
percentiles() {
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    p50 = v[int((NR * 50 + 99) / 100)]; p95 = v[int((NR * 95 + 99) / 100)];
    printf "%.0f %.0f %.0f\n", p50, p95, v[NR] }'
}

# timed OPERATION PATIENT: milliseconds of one call; fails on a non-200 answer.
timed() {
  local out code seconds
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base_url/Patient/$2/\$$1")
  code=${out% *} seconds=${out#* }
  [[ "$code" == 200 ]] || { echo "\$$1 of Patient/$2 answered $code" >&2; exit 1; }
  awk -v s="$seconds" 'BEGIN { printf "%.1f\n", s * 1000 }'
}

bench_prepare
if [[ -n "${BENCH_DB:-}" ]]; then
  database=$BENCH_DB
  bench_start_server "$database" "$server_log_file" "$@"
else
  database="transitionnet_bench_$$_latency"
  bench_create_db "$database"
  bench_start_server "$database" "$server_log_file" "$@"
  bench_load "$work_dir/load-$$-latency.txt"
  (( load_status == 0 )) || echo "The load had failures; continuing" >&2
  bench_wait_derivation "$database" "$timeout_s" 2
fi

largest=$(psql_value "$database" "SELECT t.fhir_id FROM hfj_res_link l JOIN hfj_resource t ON t.res_id = l.target_resource_id
  WHERE l.src_path = 'Observation.subject' AND t.res_type = 'Patient' GROUP BY t.fhir_id ORDER BY count(*) DESC LIMIT 5")
others=$(psql_value "$database" "SELECT fhir_id FROM hfj_resource WHERE res_type = 'Patient' AND res_deleted_at IS NULL
  ORDER BY random() LIMIT $(( sample * 2 ))")
patients=$( (echo "$largest"; echo "$others") | awk 'NF && !seen[$0]++' | head -n "$sample")
largest_counts=$(psql_value "$database" "SELECT string_agg(n::text, '/') FROM (SELECT count(*) AS n FROM hfj_res_link l JOIN hfj_resource t
  ON t.res_id = l.target_resource_id WHERE l.src_path = 'Observation.subject' AND t.res_type = 'Patient' GROUP BY t.fhir_id ORDER BY 1 DESC LIMIT 5) s")
echo "Timing $(echo "$patients" | wc -l) patients (the 5 largest have $largest_counts Observations), $rounds rounds" >&2

results="$work_dir/latency-$$"
mkdir -p "$results"
: > "$results/transitions.ms"
: > "$results/trajectory.ms"
for op in transitions trajectory; do
  for p in $patients; do timed "$op" "$p" > /dev/null; done
  for (( r = 0; r < rounds; r++ )); do
    for p in $patients; do timed "$op" "$p" >> "$results/$op.ms"; done
  done
done
read -r t50 t95 tmax < <(percentiles "$results/transitions.ms")
read -r j50 j95 jmax < <(percentiles "$results/trajectory.ms")
echo "BENCH latency: patients=$(echo "$patients" | wc -l) calls_per_operation=$(wc -l < "$results/transitions.ms")" \
  "largest_observations=$largest_counts" \
  "transitions_p50_ms=$t50 transitions_p95_ms=$t95 transitions_max_ms=$tmax" \
  "trajectory_p50_ms=$j50 trajectory_p95_ms=$j95 trajectory_max_ms=$jmax"
