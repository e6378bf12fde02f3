#!/usr/bin/env bash
# Loads Synthea bundles into a FHIR server as transactions (builds the loader first if needed).
#
#   tools/load.sh --base-url http://localhost:8080/fhir --input tools/synthea/output/run1 [options]
#
# Options: --threads N, --exclude TYPES|none (default Claim,ExplanationOfBenefit), --token TOKEN
# (or FHIR_BEARER_TOKEN), --keep-post, --timeout SECONDS, --no-progress, --max-entries N (larger bundles are
# sent in parts, default 10000: the server's limit); --help lists them all.
# Summary on stdout, progress on stderr; exit code 1 when any bundle failed.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$repo_root/tools/loader/target/transitionnet-loader.jar"

newest_source=$(find "$repo_root/tools/loader/src/main" "$repo_root/tools/loader/pom.xml" -newer "$jar" -print -quit 2>/dev/null || true)
if [[ ! -f "$jar" || -n "$newest_source" ]]; then
  echo "Building the loader..." >&2
  (cd "$repo_root" && ./mvnw -q -pl tools/loader -am -DskipTests package)
fi

exec java ${LOADER_JAVA_OPTS:--Xmx4g} -jar "$jar" "$@"
