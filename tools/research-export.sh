#!/usr/bin/env bash
# Researcher client of the de-identified research export (Bulk Data async pattern).
# Kicks off an export, shows progress while it runs (honouring Retry-After), and downloads
# every output file into OUTDIR.
#
#   tools/research-export.sh BASE_URL OUTDIR [kick-off query]
#   tools/research-export.sh http://localhost:8080/fhir out "_type=ResearchTransition&_outputFormat=csv"
#   GROUP=my-cohort tools/research-export.sh http://localhost:8080/fhir out
#
# TRANSITIONNET_TOKEN, when set, is sent as a bearer token with every request (kick-off, polls and
# downloads use the same authorization). OPERATION (default $research-export) names the kick-off
# operation: OPERATION='$export' runs the server's standard, not de-identified, Bulk Data export the
# same way. Needs curl and python3.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base="${1%/}"
outdir="$2"
query="${3:-}"
mkdir -p "$outdir"

auth=()
if [[ -n "${TRANSITIONNET_TOKEN:-}" ]]; then
  auth=(-H "Authorization: Bearer ${TRANSITIONNET_TOKEN}")
fi
operation="${OPERATION:-\$research-export}"
path="$operation"
if [[ -n "${GROUP:-}" ]]; then
  path="Group/${GROUP}/$operation"
fi

headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT

status=$(curl -sS -o "$outdir/kickoff.json" -D "$headers" -w '%{http_code}' "${auth[@]}" \
  -H 'Accept: application/fhir+json' -H 'Prefer: respond-async' "$base/$path${query:+?$query}")
if [[ "$status" != 202 ]]; then
  echo "kick-off refused ($status):" >&2
  cat "$outdir/kickoff.json" >&2
  exit 1
fi
poll=$(grep -i '^content-location:' "$headers" | sed 's/^[^:]*: *//' | tr -d '\r')
echo "export started: $poll"

wait=2
while true; do
  sleep "$wait"
  status=$(curl -sS -o "$outdir/manifest.json" -D "$headers" -w '%{http_code}' "${auth[@]}" "$poll")
  retry=$(grep -i '^retry-after:' "$headers" | sed 's/^[^:]*: *//' | tr -d '\r' || true)
  wait="${retry:-2}"
  case "$status" in
    200) break ;;
    202) echo "  $(grep -i '^x-progress:' "$headers" | sed 's/^[^:]*: *//' | tr -d '\r')" ;;
    429) echo "  (polling too fast; waiting ${wait}s)" ;;
    *) echo "export failed ($status):" >&2; cat "$outdir/manifest.json" >&2; exit 1 ;;
  esac
done

echo "manifest: $outdir/manifest.json"
python3 - "$outdir/manifest.json" <<'PY' > "$outdir/files.txt"
import json, sys
m = json.load(open(sys.argv[1]))
for i, o in enumerate(m.get("output", [])):
    # count is optional in Bulk Data manifests (HAPI's $export leaves it out)
    print(o["url"], o["type"], o.get("count", "?"), i)
summary = m.get("extension", {}).get("http://transitionnet.org/fhir/research-export-summary")
if summary:
    print("summary: " + json.dumps(summary), file=sys.stderr)
disclosure = m.get("extension", {}).get("http://transitionnet.org/fhir/disclosure-report")
if disclosure and disclosure.get("url"):
    print("disclosure: k=%s smallest group=%s pseudonyms=%s" % (disclosure.get("k"), disclosure.get("smallestGroup"),
          disclosure.get("pseudonyms")), file=sys.stderr)
    print(disclosure["url"], "disclosure-report", 1, "-")
PY
while read -r url type count index; do
  ext=ndjson
  if [[ "$query" == *_outputFormat=*csv* && "$type" == ResearchTransition ]]; then ext=csv; fi
  file="$outdir/${index}-${type}.${ext}"
  if [[ "$type" == disclosure-report ]]; then file="$outdir/disclosure-report.json"; fi
  curl -sS -f "${auth[@]}" -o "$file" "$url"
  echo "downloaded $file ($count records)"
done < "$outdir/files.txt"
