#!/usr/bin/env bash
# Export benchmark: the de-identified research export of every transition, compared with the
# server's standard Bulk Data $export of the source Observations, in the same run on PostgreSQL.
#
#   tools/bench/export.sh [server arguments...]
#
# Same data, jar, settings and knobs as tools/bench/ingest.sh (shared pieces in tools/bench/lib.sh).
# 1. database transitionnet_bench_<pid>_export: ingest (incremental derivation on) and wait until
#    derivation has caught up; BENCH_DB=<existing database> skips this and uses that database as it is
#    (it is then neither created nor dropped);
# 2. three exports, one after the other, each through the researcher client tools/research-export.sh
#    (kick-off, polling, download of every file):
#    a. $research-export?_type=ResearchTransition (flat de-identified records, NDJSON),
#    b. $research-export?_type=Bundle (de-identified TransitionBundles, NDJSON),
#    c. $export?_type=Observation (HAPI's own export of every Observation, not de-identified);
#    for each: seconds from kick-off to the last byte downloaded, records (lines downloaded, checked
#    against the manifest), records/s, and the server's heap: in use after a full GC before the export
#    and the peak in use during it (jstat samples every BENCH_HEAP_SAMPLE_MS, default 500);
# 3. prints one "BENCH export:" line, stops the server and drops the database (BENCH_KEEP_DB=1 keeps it).
# The server runs with a random de-identification key and the default k (5).
# Extra arguments go to the server. Output files: tools/synthea/output/bench-runs/export-<pid>/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample_ms=${BENCH_HEAP_SAMPLE_MS:-500}
timeout_s=${BENCH_DERIVE_TIMEOUT_S:-7200}
out_root="$work_dir/export-$$"
server_log_file="$work_dir/server-$$-export.log"

for tool in jq jstat jcmd openssl; do
  command -v "$tool" > /dev/null || { echo "$tool is required" >&2; exit 2; }
done

# heap_used_mb: heap in use now (survivors + eden + old), from jstat -gc.
heap_used_mb() {
  jstat -gc "$server_pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}

# measure LABEL OPERATION QUERY: runs one export with the researcher client; sets m_seconds,
# m_records, m_rate, m_base_mb, m_peak_mb.
measure() {
  local label=$1 operation=$2 query=$3 dir="$out_root/$1" sampler started manifest_count
  mkdir -p "$dir"
  jcmd "$server_pid" GC.run > /dev/null
  sleep 2
  m_base_mb=$(heap_used_mb)
  jstat -gc "$server_pid" "$sample_ms" > "$dir/heap.jstat" &
  sampler=$!
  started=$(now_s)
  OPERATION="$operation" "$repo_root/tools/research-export.sh" "$base_url" "$dir" "$query" > "$dir/client.log"
  m_seconds=$(elapsed_s "$started")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  m_peak_mb=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 ~ /^[0-9.]+$/ { u = ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024; if (u > max) max = u }
    END { printf "%.0f", max }' "$dir/heap.jstat")
  m_records=$(find "$dir" -name '*.ndjson' -exec cat {} + | grep -c . || true)
  # HAPI's manifest has no counts; the research export's must equal the lines downloaded.
  manifest_count=$(jq -r 'if all(.output[]; has("count")) then ([.output[].count] | add // 0) else "absent" end' "$dir/manifest.json")
  if [[ "$manifest_count" != absent && "$manifest_count" != "$m_records" ]]; then
    echo "$label: the manifest counts $manifest_count records, the files hold $m_records lines" >&2
    status=1
  fi
  m_rate=$(ratio "$m_records" "$m_seconds" 1)
  echo "$label: $m_records records in ${m_seconds}s = $m_rate records/s; heap ${m_base_mb} MB after GC before, peak ${m_peak_mb} MB" >&2
}

status=0
bench_prepare
mkdir -p "$out_root"
key_args=(--transitionnet.deid.key="$(openssl rand -hex 32)")
if [[ -n "${BENCH_DB:-}" ]]; then
  database=$BENCH_DB
  bench_start_server "$database" "$server_log_file" "${key_args[@]}" "$@"
else
  database="transitionnet_bench_$$_export"
  bench_create_db "$database"
  bench_start_server "$database" "$server_log_file" "${key_args[@]}" "$@"
  bench_load "$work_dir/load-$$-export.txt"
  (( load_status == 0 )) || echo "The load had failures; continuing" >&2
  echo "Loaded $load_resources resources in ${load_seconds}s; waiting for derivation to catch up" >&2
  bench_wait_derivation "$database" "$timeout_s" 2
fi
patient_count=$(fhir_count Patient)
observation_count=$(fhir_count Observation)
transitions=$(bench_count_transitions)
echo "Database $database: $patient_count patients, $observation_count Observations of which $transitions transitions" >&2

measure research '$research-export' '_type=ResearchTransition'
research_s=$m_seconds research_records=$m_records research_rate=$m_rate research_base=$m_base_mb research_peak=$m_peak_mb
measure bundles '$research-export' '_type=Bundle'
bundles_s=$m_seconds bundles_records=$m_records bundles_rate=$m_rate bundles_base=$m_base_mb bundles_peak=$m_peak_mb
measure hapi-observations '$export' '_type=Observation'
hapi_s=$m_seconds hapi_records=$m_records hapi_rate=$m_rate hapi_base=$m_base_mb hapi_peak=$m_peak_mb

summary=$(jq -c '.extension // {}' "$out_root/research/manifest.json")
echo "Research export summary: $summary" >&2
errors=$(grep -cE ' ERROR |[A-Za-z]Exception: ' "$server_log_file" || true)
echo "Server log: $errors ERROR/exception lines ($server_log_file)" >&2

echo "BENCH export: patients=$patient_count transitions=$transitions" \
  "research_records=$research_records research_s=$research_s research_records_per_s=$research_rate research_heap_base_mb=$research_base research_heap_peak_mb=$research_peak" \
  "bundles=$bundles_records bundles_s=$bundles_s bundles_per_s=$bundles_rate bundles_heap_base_mb=$bundles_base bundles_heap_peak_mb=$bundles_peak" \
  "hapi_export_observations=$hapi_records hapi_export_s=$hapi_s hapi_export_records_per_s=$hapi_rate hapi_heap_base_mb=$hapi_base hapi_heap_peak_mb=$hapi_peak" \
  "server_log_errors=$errors"
exit "$status"
