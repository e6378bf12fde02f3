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
# 5. stops the server and drops the database (BENCH_KEEP_DB=1 keeps it).
# Extra arguments are passed to the server, e.g. --transitionnet.ingest.mass-ingestion-mode=true
# Shared pieces: tools/bench/lib.sh.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

database="transitionnet_bench_$$"

bench_prepare
bench_create_db "$database"
bench_start_server "$database" "$work_dir/server-$$.log" "$@"
bench_load "$work_dir/load-$$.txt"

echo "BENCH ingest: patients=$load_patients resources=$load_resources seconds=$load_seconds resources_per_s=$load_rate threads=$threads server_startup_s=$server_startup_s"
exit "$load_status"
