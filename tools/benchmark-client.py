#!/usr/bin/env python3
"""TransitionNet benchmark client: Python 3.8+ standard library only.

Authenticates as a SMART Backend Services client (client_credentials with a private_key_jwt assertion
signed RS384 with the client's RSA key), then:

  build      kick off $dataset-build and wait for the dataset version (as the data steward's client, which
             holds benchmark/*.build; every other command runs as the researcher's client, which holds
             benchmark/*.read and benchmark/*.submit; neither scope reaches any clinical record)
  datasets   list the tasks and dataset versions
  download   download every released file of a version
  baseline   download the train split, fit the per-action-class mean-change baseline, predict tuning and
             held_out, submit both to $evaluate and print the scores

Datasets and scores are observational, non-randomized research data; they compare models and are not
for individual care.

Quick start (server started with ./mvnw -pl server spring-boot:run, demo clients and keys of the quick start:
benchmark-steward for build, benchmark-researcher for the rest):
  tools/benchmark-client.py build
  tools/benchmark-client.py baseline --model-name my-first-baseline
"""

import argparse
import base64
import hashlib
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO_KEY = os.path.join(HERE, "benchmark", "demo-researcher-key.pem")
DEMO_STEWARD_KEY = os.path.join(HERE, "benchmark", "demo-steward-key.pem")
# The benchmark's own scopes: none of them reaches a clinical record.
RESEARCHER_SCOPES = "benchmark/*.read benchmark/*.submit"
STEWARD_SCOPES = "benchmark/*.build"
DIRECTIONS = ("improved", "unchanged", "worsened")
# DigestInfo prefix of SHA-384 for RSASSA-PKCS1-v1_5 (RFC 8017, section 9.2, note 1).
SHA384_DIGEST_INFO = bytes.fromhex("3041300d060960864801650304020205000430")


class ClientError(Exception):
    pass


# --- RSA private key (PEM, PKCS#8 or PKCS#1) and RS384 signatures ---------------------------------

def _der_read(data, offset):
    """Reads one DER element at offset: (tag, value bytes, offset after it)."""
    tag = data[offset]
    length = data[offset + 1]
    offset += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[offset:offset + count], "big")
        offset += count
    return tag, data[offset:offset + length], offset + length


def _der_sequence(data):
    items, offset = [], 0
    while offset < len(data):
        tag, value, offset = _der_read(data, offset)
        items.append((tag, value))
    return items


def load_rsa_key(path):
    """(n, d) of an RSA private key in PEM (PKCS#8 'PRIVATE KEY' or PKCS#1 'RSA PRIVATE KEY')."""
    with open(path, encoding="ascii") as f:
        pem = f.read()
    body = "".join(line for line in pem.splitlines() if line and not line.startswith("-----"))
    der = base64.b64decode(body)
    tag, outer, _ = _der_read(der, 0)
    items = _der_sequence(outer)
    if "BEGIN PRIVATE KEY" in pem:
        # PrivateKeyInfo: version, algorithm, privateKey OCTET STRING holding RSAPrivateKey.
        _, rsa, _ = _der_read(items[2][1], 0)
        items = _der_sequence(rsa)
    elif "BEGIN RSA PRIVATE KEY" not in pem:
        raise ClientError(path + " is not an RSA private key in PEM")
    n = int.from_bytes(items[1][1], "big")
    d = int.from_bytes(items[3][1], "big")
    return n, d


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_rs384(key, message):
    n, d = key
    size = (n.bit_length() + 7) // 8
    digest_info = SHA384_DIGEST_INFO + hashlib.sha384(message).digest()
    padded = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    return pow(int.from_bytes(padded, "big"), d, n).to_bytes(size, "big")


def client_assertion(client_id, token_url, key, kid):
    header = {"alg": "RS384", "typ": "JWT"}
    if kid:
        header["kid"] = kid
    now = int(time.time())
    claims = {"iss": client_id, "sub": client_id, "aud": token_url, "iat": now, "exp": now + 240, "jti": str(uuid.uuid4())}
    signing_input = (_b64url(json.dumps(header).encode()) + "." + _b64url(json.dumps(claims).encode())).encode("ascii")
    return signing_input.decode("ascii") + "." + _b64url(sign_rs384(key, signing_input))


# --- HTTP ------------------------------------------------------------------------------------------

def request(method, url, token=None, body=None, headers=None, raw=False):
    """(status, headers, parsed JSON or bytes). FHIR OperationOutcomes of 4xx/5xx raise ClientError."""
    all_headers = {"Accept": "application/json"}
    all_headers.update(headers or {})
    if token:
        all_headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        all_headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=300) as response:
            content = response.read()
            status, response_headers = response.status, response.headers
    except urllib.error.HTTPError as e:
        content = e.read()
        raise ClientError("HTTP %d from %s %s: %s" % (e.code, method, url, _problem(content))) from None
    except urllib.error.URLError as e:
        raise ClientError("cannot reach %s: %s (is the server running? --base sets its FHIR base URL)" % (url, e.reason)) from None
    if raw:
        return status, response_headers, content
    return status, response_headers, json.loads(content) if content else None


def _problem(content):
    try:
        outcome = json.loads(content)
        issues = outcome.get("issue", [])
        return "; ".join(i.get("diagnostics") or i.get("details", {}).get("text", "") for i in issues) or content[:300]
    except (ValueError, AttributeError):
        return content[:300].decode("utf-8", "replace") if isinstance(content, bytes) else str(content)[:300]


class Server:
    def __init__(self, args):
        self.base = args.base.rstrip("/")
        self.token = args.token
        if not self.token:
            # Building is the data steward's act, with the steward's client; everything else is the researcher's.
            steward = args.command == "build"
            client_id = args.steward_client_id if steward else args.client_id
            key = args.steward_key if steward else args.key
            kid = args.steward_kid if steward else args.kid
            scope = args.scope or (STEWARD_SCOPES if steward else RESEARCHER_SCOPES)
            _, _, configuration = request("GET", self.base + "/.well-known/smart-configuration")
            token_url = configuration["token_endpoint"]
            assertion = client_assertion(client_id, token_url, load_rsa_key(key), kid)
            form = urllib.parse.urlencode({
                "grant_type": "client_credentials", "scope": scope,
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": assertion}).encode("ascii")
            _, _, answer = request("POST", token_url, body=form,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.token = answer["access_token"]

    def get(self, operation, **params):
        query = urllib.parse.urlencode([(k, v) for k, v in params.items() if v is not None], doseq=True)
        return request("GET", self.base + "/" + operation + ("?" + query if query else ""), self.token)[2]

    def file(self, dataset, path):
        query = urllib.parse.urlencode({"dataset": dataset, "path": path})
        return request("GET", self.base + "/$dataset-file?" + query, self.token, raw=True)[2]

    def post(self, operation, body, headers=None):
        return request("POST", self.base + "/" + operation, self.token, body=body, headers=headers)


# --- commands --------------------------------------------------------------------------------------

def build(server, args):
    parameters = {"resourceType": "Parameters", "parameter": [{"name": "task", "valueString": t} for t in args.task or []]}
    for name, value in (("_k", args.k), ("_minHeldOutSubjects", args.min_held_out),
                        ("_minHeldOutRecords", args.min_held_out_records)):
        if value is not None:
            parameters["parameter"].append({"name": name, "valueInteger": value})
    status, headers, _ = server.post("$dataset-build", parameters,
                                     headers={"Prefer": "respond-async", "Content-Type": "application/fhir+json"})
    location = headers["Content-Location"]
    print("Build started:", location, file=sys.stderr)
    while True:
        status, headers, result = request("GET", location, server.token)
        if status == 200:
            print(json.dumps(result, indent=2))
            return result
        print("  progress:", headers.get("X-Progress", "?"), file=sys.stderr)
        time.sleep(min(float(headers.get("Retry-After", "2")), 10))


def newest(server, dataset):
    """The listing of tasks and versions, and the version asked for (default: the newest)."""
    listing = server.get("$datasets")
    if not listing["datasets"]:
        raise ClientError("no dataset version is published yet: run the build command first")
    if not dataset:
        return listing, listing["datasets"][0]
    for version in listing["datasets"]:
        if version["datasetId"] == dataset:
            return listing, version
    raise ClientError("no ready dataset version " + dataset)


def list_datasets(server, args):
    print(json.dumps(server.get("$datasets"), indent=2))


def download(server, args):
    _, version = newest(server, args.dataset)
    out = os.path.join(args.out, version["datasetId"])
    for f in version["files"]:
        target = os.path.join(out, *f["path"].split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        content = server.file(version["datasetId"], f["path"])
        if hashlib.sha256(content).hexdigest() != f["sha256"]:
            raise ClientError(f["path"] + ": content does not match its SHA-256")
        with open(target, "wb") as w:
            w.write(content)
    print("%d files of %s %s in %s" % (len(version["files"]), version["datasetId"], version["semver"], out))


def ndjson(content):
    return [json.loads(line) for line in content.decode("utf-8").splitlines() if line.strip()]


def quantile(values, q):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class MeanChangeBaseline:
    """Per most-specific action class: mean change, direction frequencies, adverse-event rate, change quantiles."""

    def __init__(self, train, level):
        self.level = level
        self.groups = {}
        for record in train:
            for key in (record["actionClass"][0], None):
                self.groups.setdefault(key, []).append(record["label"])

    def predict(self, record):
        labels = self.groups.get(record["actionClass"][0]) or self.groups.get(None) or []
        changes = [float(l["change"]) for l in labels] or [0.0]
        counts = {d: 1 + sum(1 for l in labels if l["direction"] == d) for d in DIRECTIONS}
        total = sum(counts.values())
        tail = (1 - self.level) / 2
        return {
            "recordId": record["recordId"],
            "direction": {d: counts[d] / total for d in DIRECTIONS},
            "change": statistics.fmean(changes),
            "changeInterval": [quantile(changes, tail), quantile(changes, 1 - tail)],
            "adverseEvent": (1 + sum(1 for l in labels if l["adverseEvent"])) / (2 + len(labels)),
        }


def baseline(server, args):
    listing, version = newest(server, args.dataset)
    tasks = {t["id"]: t for t in listing["tasks"]}
    dataset = version["datasetId"]
    print("Dataset %s %s (%s)" % (dataset, version["semver"], version["contentHash"][:12]))
    results = []
    for task in args.task or version["tasks"]:
        level = float(tasks.get(task, {}).get("intervalLevel", 0.9))
        train = ndjson(server.file(dataset, "tasks/%s/train.ndjson" % task))
        model = MeanChangeBaseline(train, level)
        print("\n%s: fitted on %d train records" % (task, len(train)))
        for split in ("tuning", "held_out"):
            records = ndjson(server.file(dataset, "tasks/%s/%s.ndjson" % (task, split)))
            submission = {"dataset": dataset, "task": task, "split": split,
                          "model": {"name": args.model_name, "description": args.description},
                          "predictions": [model.predict(r) for r in records]}
            _, _, scores = server.post("$evaluate", submission)
            results.append(scores)
            metrics = ", ".join("%s %.3f" % (k, v) for k, v in sorted(scores["metrics"].items()) if isinstance(v, (int, float)))
            if split == "held_out":
                # Held-out answers carry rounded aggregates only, released when they beat this client's best.
                release = scores.get("heldOutRelease", {})
                if release.get("withheld"):
                    print("  %-8s withheld: %s" % (split, release["withheld"]))
                else:
                    print("  %-8s %s: %s" % (split, "released" if release.get("released") else "not released",
                                             metrics or release.get("message", "")))
            else:
                print("  %-8s %d predicted, %d missing: %s" % (split, scores["predicted"], scores["missing"], metrics))
    if results:
        print("\n" + results[0].get("safetyBoundary", ""))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    parser.add_argument("--base", default=os.environ.get("TRANSITIONNET_FHIR_BASE", "http://localhost:8080/fhir"),
                        help="FHIR base URL (default %(default)s)")
    parser.add_argument("--client-id", default=os.environ.get("TRANSITIONNET_CLIENT_ID", "benchmark-researcher"),
                        help="the researcher's client id (default %(default)s)")
    parser.add_argument("--key", default=os.environ.get("TRANSITIONNET_CLIENT_KEY", DEMO_KEY),
                        help="the researcher's RSA private key (PEM); default: the quick start's demo key")
    parser.add_argument("--kid", default=os.environ.get("TRANSITIONNET_CLIENT_KID"), help="key id for the JWT header")
    parser.add_argument("--steward-client-id", default=os.environ.get("TRANSITIONNET_STEWARD_CLIENT_ID", "benchmark-steward"),
                        help="the data steward's client id, used by build (default %(default)s)")
    parser.add_argument("--steward-key", default=os.environ.get("TRANSITIONNET_STEWARD_KEY", DEMO_STEWARD_KEY),
                        help="the data steward's RSA private key (PEM); default: the quick start's demo key")
    parser.add_argument("--steward-kid", default=os.environ.get("TRANSITIONNET_STEWARD_KID"), help="key id for the steward's JWT header")
    parser.add_argument("--scope", help="scopes to ask for (default: %s for build, %s otherwise)"
                        % (STEWARD_SCOPES, RESEARCHER_SCOPES))
    parser.add_argument("--token", default=os.environ.get("TRANSITIONNET_TOKEN"), help="use this access token instead")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help="build a dataset version")
    p.add_argument("--task", action="append")
    p.add_argument("--k", type=int)
    p.add_argument("--min-held-out", type=int)
    p.add_argument("--min-held-out-records", type=int)
    p.set_defaults(run=build)
    commands.add_parser("datasets", help="list tasks and versions").set_defaults(run=list_datasets)
    p = commands.add_parser("download", help="download every released file of a version")
    p.add_argument("--dataset")
    p.add_argument("--out", default="benchmark-data")
    p.set_defaults(run=download)
    p = commands.add_parser("baseline", help="fit the mean-change baseline on train and submit tuning and held_out")
    p.add_argument("--dataset")
    p.add_argument("--task", action="append")
    p.add_argument("--model-name", default="mean-change-client")
    p.add_argument("--description", default="Per-action-class mean change fitted on train by tools/benchmark-client.py")
    p.set_defaults(run=baseline)
    args = parser.parse_args(argv)
    try:
        args.run(Server(args), args)
    except ClientError as e:
        print("error:", e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
