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
#    server/src; BENCH_NO_BUILD=1 uses the jar as it is) on BENCH_PORT (8080) and waits for
#    /fhir/metadata;
# 4. loads with tools/load.sh (BENCH_THREADS, default 2; default exclusions), then prints the
#    loader's summary and one BENCH line;
# 5. with BENCH_IMPORT=1, the same run then back-loads the same data as NDJSON through Bulk Data $import into
#    a second fresh database (tools/load.sh --ndjson; the loader serves the files on BENCH_IMPORT_PORT, 8091,
#    which the server is told to allow) and adds import_resources_per_s (and import_seconds, import_resources)
#    to the BENCH line;
# 6. stops the server and drops the databases (BENCH_KEEP_DB=1 keeps them).
# Extra arguments are passed to the server, e.g. --transitionnet.ingest.mass-ingestion-mode=true
# Shared pieces: tools/bench/lib.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

database="transitionnet_bench_$$"

bench_prepare
bench_create_db "$database"
bench_start_server "$database" "$work_dir/server-$$.log" "$@"
bench_load "$work_dir/load-$$.txt"

import_figures=""
import_status=0
if [[ "${BENCH_IMPORT:-0}" == 1 ]]; then
  import_port=${BENCH_IMPORT_PORT:-8091}
  bench_stop_server
  bench_create_db "${database}_import"
  bench_start_server "${database}_import" "$work_dir/server-import-$$.log" \
    --transitionnet.ingest.import-allowed-sources="http://localhost:${import_port}/" "$@"
  summary="$work_dir/import-$$.txt"
  set +e
  "$repo_root/tools/load.sh" --base-url "$base_url" --ndjson "$data_dir" --serve-port "$import_port" | tee "$summary"
  import_status=${PIPESTATUS[0]}
  set -e
  import_rate=$(awk '$1 == "resources/s" {print $2}' "$summary")
  import_seconds=$(awk '$1 == "seconds" {print $2}' "$summary")
  import_resources=$(awk '$1 == "resources" {print $2}' "$summary")
  import_figures=" import_resources=$import_resources import_seconds=$import_seconds import_resources_per_s=$import_rate"
fi

echo "BENCH ingest: patients=$load_patients resources=$load_resources seconds=$load_seconds resources_per_s=$load_rate threads=$threads server_startup_s=$server_startup_s$import_figures"
if (( load_status != 0 )); then
  exit "$load_status"
fi
exit "$import_status"
