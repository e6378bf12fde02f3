#!/usr/bin/env bash
# Generates a reproducible synthetic population with Synthea, offline, as FHIR R4 transaction bundles.
#
#   tools/synthea/generate.sh N SEED OUTDIR [extra Synthea options...]
#
# Writes OUTDIR/fhir/<name>_<uuid>.json (one transaction bundle per patient) plus
# hospitalInformation*.json and practitionerInformation*.json (the organizations, locations and
# practitioners that patient bundles reference conditionally by identifier; load those first).
#
# Same N, SEED, reference date, state and Synthea version => byte-identical output.
# Environment overrides:
#   SYNTHEA_CLINICIAN_SEED  clinician seed (default: SEED)
#   SYNTHEA_REFERENCE_DATE  YYYYMMDD used as "today" and as simulation end (default: 20250101)
#   SYNTHEA_STATE           US state to sample (default: Massachusetts)
#   SYNTHEA_JAVA_OPTS       JVM options (default: -Xmx4g)
# Extra options are passed to Synthea verbatim, e.g. "-a 40-80" or "--exporter.years_of_history=5".
set -euo pipefail

if [[ $# -lt 3 ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

population=$1
seed=$2
outdir=$3
shift 3

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
classpath_file="$script_dir/target/classpath.txt"

# Synthea pins HAPI 6.1, so it runs on its own classpath resolved from this module's pom only.
if [[ ! -s "$classpath_file" || "$script_dir/pom.xml" -nt "$classpath_file" ]]; then
  echo "Resolving the Synthea classpath..." >&2
  (cd "$repo_root" && ./mvnw -q -pl tools/synthea dependency:build-classpath \
      -Dmdep.outputFile="$classpath_file")
fi

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
reference_date=${SYNTHEA_REFERENCE_DATE:-20250101}

# Run inside OUTDIR so that anything Synthea writes relative to the working directory stays there.
cd "$outdir"
started=$(date +%s)
# shellcheck disable=SC2086
java ${SYNTHEA_JAVA_OPTS:--Xmx4g} -cp "$(cat "$classpath_file")" App \
  -p "$population" \
  -s "$seed" \
  -cs "${SYNTHEA_CLINICIAN_SEED:-$seed}" \
  -r "$reference_date" \
  -e "$reference_date" \
  --exporter.baseDirectory="$outdir/" \
  --exporter.fhir.export=true \
  --exporter.fhir.transaction_bundle=true \
  --exporter.fhir.bulk_data=false \
  --exporter.hospital.fhir.export=true \
  --exporter.practitioner.fhir.export=true \
  --exporter.pretty_print=false \
  --exporter.ccda.export=false \
  --exporter.csv.export=false \
  --exporter.text.export=false \
  "$@" \
  "${SYNTHEA_STATE:-Massachusetts}" > "$outdir/synthea.log" 2>&1 || {
    echo "Synthea failed; see $outdir/synthea.log" >&2
    tail -20 "$outdir/synthea.log" >&2
    exit 1
  }
elapsed=$(( $(date +%s) - started ))

bundles=$(find "$outdir/fhir" -maxdepth 1 -name '*.json' ! -name 'hospitalInformation*' ! -name 'practitionerInformation*' | wc -l)
grep -E '^Records:' "$outdir/synthea.log" >&2 || true
echo "Generated $bundles patient bundles in ${elapsed}s into $outdir/fhir" >&2
