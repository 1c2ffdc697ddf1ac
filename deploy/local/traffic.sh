#!/usr/bin/env python3
"""Streams synthetic predictions, and their outcomes a little later, to a running local stack (docs/monitoring.md).

    deploy/local/traffic.sh <model> <version> [--rate 50] [--batch 100] [--label-delay 30] [--drift] [--degrade]
                            [--error-rate 0.005] [--seconds 0 (forever)] [--dry-run]

Reads the version's monitoring spec (GET .../monitoring-spec) and draws every feature from its baseline's bins (a
numeric value uniform in a bin between its edges; a category as often as in the baseline), a score, a latency and an
error flag; sends them in batches to POST .../predictions, and each outcome `--label-delay` seconds later to POST
.../outcomes. `--drift` moves every numeric feature up by the width of its baseline's middle (PSI breaches);
`--degrade` makes outcomes independent of the score (AUC near 0.5) and slows the service (p95 near 800 ms).
Python 3 standard library only. Signs in to Keycloak with the password grant of the `modelops-cli` client as
$TRAFFIC_USER (default `erin`, an ml-engineer; password $DEMO_USER_PASSWORD, default `demo`); $GOVERNANCE_URL
(default http://localhost:8080) and $KEYCLOAK_URL (default http://localhost:8180).
"""
import argparse
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

GOVERNANCE_URL = os.environ.get("GOVERNANCE_URL", "http://localhost:8080")
KEYCLOAK_URL = os.environ.get("KEYCLOAK_URL", "http://localhost:8180")
USER = os.environ.get("TRAFFIC_USER", "erin")
PASSWORD = os.environ.get("DEMO_USER_PASSWORD", "demo")


class Session:
    def __init__(self):
        self.token, self.at = None, 0

    def bearer(self):
        if self.token is None or time.time() - self.at > 240:
            body = urllib.parse.urlencode({"grant_type": "password", "client_id": "modelops-cli", "username": USER,
                                           "password": PASSWORD}).encode()
            url = KEYCLOAK_URL + "/realms/modelops/protocol/openid-connect/token"
            with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10) as answer:
                self.token, self.at = json.load(answer)["access_token"], time.time()
        return self.token

    def call(self, method, path, document=None):
        data = None if document is None else json.dumps(document).encode()
        request = urllib.request.Request(GOVERNANCE_URL + path, data=data, method=method, headers={
            "Authorization": "Bearer " + self.bearer(), "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def sampler(column, drift, rng):
    """A function drawing one value of the column from its baseline bins."""
    counts = column["baselineCounts"][:-1]  # the missing bin last
    if column["kind"] == "numeric":
        edges = column["edges"]
        low, high = (edges[0], edges[-1]) if edges else (0.0, 1.0)
        spread = (high - low) or 1.0
        shift = spread / 2 if drift else 0.0

        def numeric():
            bin_ = rng.choices(range(len(counts)), weights=[c or 0.001 for c in counts])[0]
            left = edges[bin_ - 1] if bin_ > 0 else low - spread / len(counts)
            right = edges[bin_] if bin_ < len(edges) else high + spread / len(counts)
            return round(rng.uniform(left, right) + shift, 4)
        return numeric
    categories = column["categories"]
    weights = counts[:len(categories)] or [1]

    def categorical():
        return rng.choices(categories, weights=[w or 0.001 for w in weights])[0] if categories else None
    return categorical


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("version", type=int)
    parser.add_argument("--rate", type=float, default=50, help="predictions per second")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--label-delay", type=float, default=30, help="seconds until a prediction's outcome is sent")
    parser.add_argument("--error-rate", type=float, default=0.005)
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until interrupted)")
    parser.add_argument("--drift", action="store_true", help="shift the numeric features")
    parser.add_argument("--degrade", action="store_true", help="outcomes unrelated to the score, slower service")
    parser.add_argument("--dry-run", action="store_true", help="print one batch for a spec read from stdin")
    args = parser.parse_args()
    rng = random.Random(7)
    session = Session()
    base = "/api/v1/models/%s/versions/%d" % (urllib.parse.quote(args.model), args.version)
    if args.dry_run:
        spec = json.load(sys.stdin)
    else:
        status, spec = session.call("GET", base + "/monitoring-spec")
        if status != 200:
            sys.exit("monitoring spec: HTTP %s %s" % (status, spec))
    features = {c["name"]: sampler(c, args.drift, rng) for c in spec["columns"] if c["name"] != "prediction"}
    prefix = "traffic-%d" % int(time.time())
    pending, sent, counter, start = [], 0, 0, time.time()
    while not args.seconds or time.time() - start < args.seconds:
        records = []
        for _ in range(args.batch):
            counter += 1
            score = rng.random()
            positive = rng.random() < (0.5 if args.degrade else 0.1 + 0.8 * score)
            latency = rng.lognormvariate(6.4 if args.degrade else 4.0, 0.4)
            records.append({"id": "%s-%d" % (prefix, counter),
                            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                            "arm": "champion", "features": {name: draw() for name, draw in features.items()},
                            "prediction": round(score, 4), "score": round(score, 4), "latencyMs": round(latency, 1),
                            "error": rng.random() < args.error_rate})
            pending.append((time.time() + args.label_delay, records[-1]["id"], 1 if positive else 0))
        if args.dry_run:
            print(json.dumps({"records": records[:3]}, indent=2))
            return
        status, answer = session.call("POST", base + "/predictions", {"records": records})
        if status == 429:
            time.sleep(1)
            continue
        if status != 200:
            print("predictions: HTTP %s %s" % (status, answer), file=sys.stderr)
        else:
            sent += answer["accepted"]
        due = [p for p in pending if p[0] <= time.time()][:1000]
        if due:
            pending = [p for p in pending if p[0] > time.time()] + [p for p in pending if p[0] <= time.time()][1000:]
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            status, answer = session.call("POST", base + "/outcomes", {"records": [
                {"predictionId": pid, "outcome": outcome, "time": now} for _, pid, outcome in due]})
            if status != 200:
                print("outcomes: HTTP %s %s" % (status, str(answer)[:300]), file=sys.stderr)
        print("\rsent %d predictions, %d outcomes waiting" % (sent, len(pending)), end="", file=sys.stderr)
        time.sleep(max(0.0, args.batch / args.rate))


if __name__ == "__main__":
    main()
