#!/usr/bin/env python3
"""Where the server's CPU time goes during a benchmark, from a JDK Flight Recorder file.

    tools/bench/jfr_summary.py RECORDING.jfr [--top N]

Reads the recording's execution samples (``jfr print --events jdk.ExecutionSample``) and puts every
sample into one stage of the ingest path: the first frame, walking from the executing method towards
the thread's root, that belongs to a known stage decides (so a HashMap lookup inside index extraction
counts as index extraction). Prints the share of samples per stage, then the N hottest methods of the
samples no stage claimed (or of --stage NAME), so the table can be refined. Standard library only.
"""
import argparse
import collections
import re
import subprocess
import sys

# (stage, frame prefixes) in no particular order: the frame nearest the top of the stack wins.
STAGES = [
    ("JSON parsing (HAPI parser)", ("ca.uhn.fhir.parser.JsonParser.parse", "ca.uhn.fhir.parser.ParserState",
                                    "ca.uhn.fhir.parser.json.", "ca.uhn.fhir.parser.BaseParser.parse",
                                    "com.fasterxml.jackson.core.")),
    ("JSON encoding (stored text, responses)", ("ca.uhn.fhir.parser.JsonParser.encode",
                                                "ca.uhn.fhir.parser.BaseParser.encode",
                                                "ca.uhn.fhir.parser.JsonParser.write")),
    ("search index extraction", ("ca.uhn.fhir.jpa.searchparam.extractor.",)),
    ("index rows: diff and hashing", ("ca.uhn.fhir.jpa.dao.index.", "ca.uhn.fhir.jpa.model.entity.ResourceIndexed",
                                      "ca.uhn.fhir.jpa.model.entity.BaseResourceIndex")),
    ("reference and match-URL resolution", ("ca.uhn.fhir.jpa.dao.MatchResourceUrlService",
                                            "ca.uhn.fhir.jpa.dao.index.IdHelperService",
                                            "ca.uhn.fhir.jpa.dao.BaseStorageDao.translateMatchUrl",
                                            "ca.uhn.fhir.jpa.searchparam.MatchUrlService")),
    ("search (SQL building, result loading)", ("ca.uhn.fhir.jpa.search.", "ca.uhn.fhir.jpa.dao.search.",
                                              "ca.uhn.fhir.jpa.search.builder.")),
    ("FHIRPath", ("org.hl7.fhir.r4.fhirpath.", "org.hl7.fhir.r5.fhirpath.", "ca.uhn.fhir.fhirpath.")),
    ("validation", ("org.hl7.fhir.validation.", "ca.uhn.fhir.validation.", "org.hl7.fhir.common.hapi.validation.")),
    ("JDBC driver (PostgreSQL protocol)", ("org.postgresql.",)),
    ("connection pool", ("com.zaxxer.hikari.",)),
    ("Hibernate (flush, persist, dirty checks)", ("org.hibernate.",)),
    ("transaction bundle processing", ("ca.uhn.fhir.jpa.dao.BaseTransactionProcessor",
                                       "ca.uhn.fhir.jpa.dao.TransactionProcessor",
                                       "ca.uhn.fhir.jpa.dao.BaseHapiFhirDao", "ca.uhn.fhir.jpa.dao.BaseHapiFhirResourceDao")),
    ("TransitionNet (write guards, facts, derivation, audit)", ("org.transitionnet.",)),
    ("interceptors and REST layer", ("ca.uhn.fhir.rest.", "ca.uhn.fhir.interceptor.")),
    ("Batch2 jobs", ("ca.uhn.fhir.batch2.", "ca.uhn.fhir.jpa.batch2.")),
    ("Spring", ("org.springframework.",)),
    ("Tomcat (HTTP)", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("JVM (GC, JIT, class loading)", ("jdk.internal.", "java.lang.invoke.", "java.lang.ClassLoader")),
]

# Stages that claim a sample wherever their frame is in the stack, before the leaf-first pass: code that
# spends its time in generic library methods (collections, sorting) it calls.
ANYWHERE = [
    ("Spring transaction synchronization lookups",
     ("org.springframework.transaction.support.TransactionSynchronizationManager.getSynchronizations",)),
]

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")


def stage_of(frames):
    for stage, prefixes in ANYWHERE:
        if any(frame.startswith(prefixes) for frame in frames):
            return stage
    for frame in frames:
        for stage, prefixes in STAGES:
            if frame.startswith(prefixes):
                return stage
    return None


def samples(recording):
    out = subprocess.run(
        ["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", recording],
        check=True, capture_output=True, text=True).stdout
    frames, in_stack = [], False
    for line in out.splitlines():
        if line.strip().startswith("stackTrace = ["):
            frames, in_stack = [], True
        elif in_stack and line.strip() == "]":
            in_stack = False
            yield frames
        elif in_stack:
            match = FRAME.match(line)
            if match:
                frames.append(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--stage", help="list the hottest methods of this stage instead of those of 'other'")
    args = parser.parse_args()
    listed = args.stage or "other"

    per_stage = collections.Counter()
    unclaimed = collections.Counter()
    total = 0
    for frames in samples(args.recording):
        total += 1
        stage = stage_of(frames) or "other"
        per_stage[stage] += 1
        if stage == listed:
            unclaimed[frames[0] if frames else "(no frames)"] += 1
    if total == 0:
        sys.exit("no execution samples in " + args.recording)
    print(f"{'stage':58} {'samples':>8} {'share':>7}")
    for stage, count in per_stage.most_common():
        print(f"{stage:58} {count:8d} {100.0 * count / total:6.1f}%")
    print(f"{'total':58} {total:8d}")
    print(f"\nhottest methods of '{listed}' (top {args.top}):")
    for method, count in unclaimed.most_common(args.top):
        print(f"  {count:6d}  {method}")


if __name__ == "__main__":
    main()
