#!/usr/bin/env bash
# Derivation scaling: full $rederive seconds per patient at several population sizes, on PostgreSQL.
#
#   tools/bench/scaling.sh [SIZES] [server arguments...]      (SIZES default: 100,250,500,1000)
#
# For each size N (Synthea, seed BENCH_SEED, generated once and cached like the other benchmarks):
# a fresh database, the server with incremental derivation off, the load, one full $rederive (the
# rederive function of lib.sh); then the server stops and the database is dropped (BENCH_KEEP_DB=1
# keeps it). Prints one "BENCH scaling:" line per size and a last line with the spread of seconds
# per patient across sizes (goal: within 15 %).
set -euo pipefail

sizes=${1:-100,250,500,1000}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
results=$(mktemp)
for n in ${sizes//,/ }; do
  (
    export BENCH_PATIENTS=$n
    source "$here/lib.sh"
    bench_prepare
    database="transitionnet_bench_$$_scaling_$n"
    bench_create_db "$database"
    bench_start_server "$database" "$work_dir/server-$$-scaling-$n.log" --transitionnet.transition.incremental=false "$@"
    bench_load "$work_dir/load-$$-scaling-$n.txt"
    patient_count=$(fhir_count Patient)
    rederive "size $n"
    spp=$(awk -v s="$rederive_s" -v p="$patient_count" 'BEGIN { printf "%.3f", s / p }')
    echo "BENCH scaling: size=$n patients=$patient_count resources=$load_resources rederive_s=$rederive_s s_per_patient=$spp" \
      "patients_per_s=$(ratio "$patient_count" "$rederive_s" 1) transitions=$(bench_count_transitions) status=$rederive_status"
    echo "$spp" >> "$results"
  )
done
sort -n "$results" | awk '{ v[NR] = $1 } END {
  printf "BENCH scaling spread: min_s_per_patient=%s max_s_per_patient=%s spread_pct=%.1f\n", v[1], v[NR], (v[NR] - v[1]) / v[1] * 100 }'
rm -f "$results"
