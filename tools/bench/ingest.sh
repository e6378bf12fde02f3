#!/usr/bin/env bash
# Ingest benchmark: loads a fixed synthetic population into fresh PostgreSQL databases along every write
# path, side by side in one run, and reports each path in resources/s and as a share of the physical floor.
#
#   tools/bench/ingest.sh [server arguments...]
#
# 1. generates BENCH_PATIENTS (100) living patients with seed BENCH_SEED (42) once, cached under
#    tools/synthea/output/bench-p<N>-s<SEED>/ (deceased patients are exported in addition);
# 2. transactions: database transitionnet_bench_<pid> on localhost:5432 (user postgres, trust auth), the
#    server jar (built when missing or older than server/src; BENCH_NO_BUILD=1 uses it as it is) on BENCH_PORT
#    (8080), loaded with tools/load.sh (BENCH_THREADS, default 2; Claim and ExplanationOfBenefit excluded):
#    resources_per_s, with incremental derivation on (the default);
# 3. the same with incremental derivation off (--transitionnet.transition.incremental=false) into
#    transitionnet_bench_<pid>_off: resources_per_s_derivation_off and derivation_on_off (on / off); BENCH_OFF=0
#    skips it;
# 4. Bulk Data $import of the same resources as NDJSON (tools/load.sh --ndjson; the loader serves the files on
#    BENCH_IMPORT_PORT, 8091, which the server is told to allow) into transitionnet_bench_<pid>_import:
#    import_resources_per_s; BENCH_IMPORT=0 skips it;
# 5. the floor: PostgreSQL COPY of the same resources' JSON (the NDJSON files of step 4, one resource per
#    line) into one jsonb table of transitionnet_bench_<pid>_copy: copy_resources_per_s, and each path as a
#    share of it (transactions_vs_copy, import_vs_copy);
# 6. stops the server and drops the databases (BENCH_KEEP_DB=1 keeps them).
# Each load also reports the CPU seconds the server and PostgreSQL spent (wall_s, server_cpu_s,
# postgres_cpu_s); BENCH_JFR=1 profiles the server during each load (tools/bench/jfr_summary.py).
# Extra arguments are passed to every server, e.g. --transitionnet.ingest.mass-ingestion-mode=true
# Shared pieces: tools/bench/lib.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

database="transitionnet_bench_$$"
ndjson_dir="$work_dir/ndjson-$$"
summaries=()

commit=$(git -C "$repo_root" rev-parse --short HEAD)
bench_prepare
echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Transactions, incremental derivation on (the default).
bench_create_db "$database"
bench_start_server "$database" "$work_dir/server-$$.log" "$@"
bench_load "$work_dir/load-$$.txt"
on_status=$load_status on_rate=$load_rate on_seconds=$load_seconds on_cpu=$load_cpu
resources=$load_resources loaded_patients=$load_patients
summaries+=("transactions (derivation on): $on_rate res/s, $on_cpu")
bench_stop_server

off_figures=""
off_status=0
if [[ "${BENCH_OFF:-1}" == 1 ]]; then
  bench_create_db "${database}_off"
  bench_start_server "${database}_off" "$work_dir/server-off-$$.log" --transitionnet.transition.incremental=false "$@"
  bench_load "$work_dir/load-off-$$.txt"
  off_status=$load_status
  summaries+=("transactions (derivation off): $load_rate res/s, $load_cpu")
  off_figures=" resources_per_s_derivation_off=$load_rate derivation_on_off=$(ratio "$on_rate" "$load_rate" 2)"
  bench_stop_server
fi

import_figures=""
import_status=0
if [[ "${BENCH_IMPORT:-1}" == 1 ]]; then
  import_port=${BENCH_IMPORT_PORT:-8091}
  bench_create_db "${database}_import"
  bench_start_server "${database}_import" "$work_dir/server-import-$$.log" \
    --transitionnet.ingest.import-allowed-sources="http://localhost:${import_port}/" "$@"
  summary="$work_dir/import-$$.txt"
  mkdir -p "$ndjson_dir"
  jfr_start
  cpu_mark
  set +e
  "$repo_root/tools/load.sh" --base-url "$base_url" --ndjson "$data_dir" --ndjson-work "$ndjson_dir" \
    --serve-port "$import_port" | tee "$summary"
  import_status=${PIPESTATUS[0]}
  set -e
  import_cpu=$(cpu_split)
  jfr_stop "$work_dir/import-$$.jfr"
  import_rate=$(awk '$1 == "resources/s" {print $2}' "$summary")
  summaries+=("import: $import_rate res/s, $import_cpu")
  import_figures=" import_resources=$(awk '$1 == "resources" {print $2}' "$summary") import_seconds=$(awk '$1 == "seconds" {print $2}' "$summary") import_resources_per_s=$import_rate"
  bench_stop_server
fi

copy_figures=""
if [[ -d "$ndjson_dir" ]] && ls "$ndjson_dir"/*.ndjson > /dev/null 2>&1; then
  bench_create_db "${database}_copy"
  psql_value "${database}_copy" "CREATE TABLE resource_json (res jsonb NOT NULL)" > /dev/null
  copy_resources=$(cat "$ndjson_dir"/*.ndjson | wc -l)
  started=$(now_s)
  # CSV with quote and delimiter characters that JSON never holds raw, so every line is one jsonb value as is.
  cat "$ndjson_dir"/*.ndjson | psql -v ON_ERROR_STOP=1 -q -h "$pg_host" -p "$pg_port" -U postgres -d "${database}_copy" \
    -c "COPY resource_json (res) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
  copy_seconds=$(elapsed_s "$started")
  copy_rate=$(awk -v n="$copy_resources" -v s="$copy_seconds" 'BEGIN { printf "%.0f", n / s }')
  summaries+=("COPY floor: $copy_rate res/s ($copy_resources resources in ${copy_seconds}s)")
  copy_figures=" copy_resources=$copy_resources copy_seconds=$copy_seconds copy_resources_per_s=$copy_rate transactions_vs_copy=$(ratio "$on_rate" "$copy_rate" 3)"
  [[ -n "${import_rate:-}" ]] && copy_figures+=" import_vs_copy=$(ratio "$import_rate" "$copy_rate" 3)"
fi
rm -rf "$ndjson_dir"

printf '%s\n' "${summaries[@]}" >&2
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "BENCH ingest: commit=$commit patients=$loaded_patients resources=$resources seconds=$on_seconds resources_per_s=$on_rate threads=$threads server_startup_s=$server_startup_s$off_figures$import_figures$copy_figures load_average=$(cut -d' ' -f1 /proc/loadavg)"
for status in "$on_status" "$off_status" "$import_status"; do
  if (( status != 0 )); then
    exit "$status"
  fi
done
