#!/usr/bin/env bash
# Disclosure benchmark: what the release policy leaves of a population and what risk remains, with the
# set-valued check (k^m over each subject's action classes, state variables and record count) off and on,
# side by side in one run on PostgreSQL.
#
#   tools/bench/disclosure.sh [server arguments...]
#
# Same data, jar and settings as tools/bench/export.sh (shared pieces in tools/bench/lib.sh; BENCH_PATIENTS,
# BENCH_SEED, BENCH_DB, BENCH_KEEP_DB apply).
# 1. database transitionnet_bench_<pid>_disclosure: ingest, wait until derivation has caught up (or BENCH_DB);
# 2. research exports (ResearchTransition and Bundle, consistent pseudonyms, the server's k, default 5) at
#    _m=0, 1, 2 (the default) and 3 (BENCH_DISCLOSURE_M overrides the list), each through tools/research-export.sh;
# 3. per export one "BENCH disclosure:" line from its disclosure report and summary: subjects released and
#    suppressed, records and bundles released, the set-valued k, classes generalized, records left out to even
#    counts, items suppressed, the share of subjects holding a unique value (before and after coding), the
#    prosecutor and journalist risk (highest, average) and l of the adverse-event outcome.
# The server runs with a random de-identification key and allows _m below its default.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

timeout_s=${BENCH_DERIVE_TIMEOUT_S:-7200}
out_root="$work_dir/disclosure-$$"
server_log_file="$work_dir/server-$$-disclosure.log"
ms=${BENCH_DISCLOSURE_M:-0 1 2 3}

for tool in jq openssl; do
  command -v "$tool" > /dev/null || { echo "$tool is required" >&2; exit 2; }
done

bench_prepare
mkdir -p "$out_root"
server_args=(--transitionnet.deid.key="$(openssl rand -hex 32)" --transitionnet.export.allow-k-override=true)
if [[ -n "${BENCH_DB:-}" ]]; then
  database=$BENCH_DB
  bench_start_server "$database" "$server_log_file" "${server_args[@]}" "$@"
else
  database="transitionnet_bench_$$_disclosure"
  bench_create_db "$database"
  bench_start_server "$database" "$server_log_file" "${server_args[@]}" "$@"
  bench_load "$work_dir/load-$$-disclosure.txt"
  (( load_status == 0 )) || echo "The load had failures; continuing" >&2
  bench_wait_derivation "$database" "$timeout_s" 2
fi
patient_count=$(fhir_count Patient)
transitions=$(bench_count_transitions)
echo "Database $database: $patient_count patients, $transitions transitions" >&2

for m in $ms; do
  dir="$out_root/m$m"
  started=$(now_s)
  "$repo_root/tools/research-export.sh" "$base_url" "$dir" "_type=ResearchTransition,Bundle&_m=$m" > "$dir.log"
  seconds=$(elapsed_s "$started")
  jq -r --arg m "$m" --arg s "$seconds" --arg p "$patient_count" --arg t "$transitions" '
    .extension["http://transitionnet.org/fhir/research-export-summary"] as $sum
    | .extension["http://transitionnet.org/fhir/disclosure-report"] as $d
    | "BENCH disclosure: patients=\($p) transitions=\($t) m=\($m) k=\($d.k) seconds=\($s)"
      + " subjects=\($d.subjects) subjects_released=\($d.subjectsReleased) subjects_suppressed=\($d.subjectsSuppressed)"
      + " records_released=\($sum.recordsReleased) records_suppressed=\($sum.recordsSuppressed)"
      + " bundles_released=\($sum.bundlesReleased) bundles_suppressed=\($sum.bundlesSuppressed)"
      + " smallest_group=\($d.smallestGroup) set_valued_k=\($d.setValued.smallestSupport)"
      + " classes_generalized=\($d.setValued.generalizedClasses | length) records_left_out=\($d.setValued.recordsLeftOut)"
      + " items_suppressed=\($d.setValued.itemsSuppressed) record_count=\"\($d.setValued.recordCount)\""
      + " unique_value_share_before=\($d.uniqueValues.shareBefore) unique_value_share_after=\($d.uniqueValues.shareAfter)"
      + " prosecutor_highest=\($d.risk.prosecutorHighest) prosecutor_average=\($d.risk.prosecutorAverage)"
      + " journalist_highest=\($d.risk.journalistHighest) journalist_average=\($d.risk.journalistAverage)"
      + " l_adverse_event=\($d.risk.l.adverseEvent)"' "$dir/manifest.json"
done
errors=$(grep -cE ' ERROR |[A-Za-z]Exception: ' "$server_log_file" || true)
echo "Server log: $errors ERROR/exception lines ($server_log_file); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
