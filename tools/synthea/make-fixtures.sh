#!/usr/bin/env bash
# Regenerates the committed Synthea test fixtures in server/src/test/resources/fixtures/synthea/.
#
#   tools/synthea/make-fixtures.sh
#
# Source population: 100 living patients, seed 42 (clinician seed 42, reference date 20250101,
# Massachusetts), the same cached export the ingest benchmark uses. Three patients are cut out of it
# by FixtureCli (tools/loader): Claim, ExplanationOfBenefit, DocumentReference, ImagingStudy, Media
# and SupplyDelivery are trimmed, references to them removed, and the organizations, locations and
# practitioners they reference are gathered into information.json.gz. FACTS.md is rewritten too.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source_dir="$repo_root/tools/synthea/output/bench-p100-s42"
fixture_dir="$repo_root/server/src/test/resources/fixtures/synthea"
# Enrique929 (metformin, HbA1c before and after), Cleotilde229 (simvastatin, LDL before and
# after), Brock407 (neither drug; a control).
patients=b0fc3374-c40b-8591-0cc4-d6ffc383e5a4,38cc48b8-cb44-1e20-32e8-5b7e5d4bae20,40bef2fb-ee47-4089-b99b-1c6bc43fe217

if [[ ! -f "$source_dir/.complete" ]]; then
  rm -rf "$source_dir"
  "$repo_root/tools/synthea/generate.sh" 100 42 "$source_dir"
  touch "$source_dir/.complete"
fi

(cd "$repo_root" && ./mvnw -q -pl tools/loader -am -DskipTests package)
rm -f "$fixture_dir"/*.json.gz
java -cp "$repo_root/tools/loader/target/transitionnet-loader.jar" org.transitionnet.loader.fixture.FixtureCli \
  --input "$source_dir" \
  --output "$fixture_dir" \
  --patients "$patients" \
  --codes 4548-4,18262-6,2089-1
