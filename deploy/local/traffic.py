#!/usr/bin/env python3
"""Synthetic production traffic for a governed model version: a baseline sample, prediction records and their
delayed outcomes, sent to the service's monitoring API (docs/monitoring.md). Python 3 standard library only.

The data is a credit-style classifier with five numeric and two categorical features. A record's score is the
model's probability of default; its outcome is drawn from the *true* relation, which equals the model's while the
world is healthy. `--drift` moves the inputs (utilisation up, a region grows); `--degrade` changes the true
relation so the model's ranking loses power (AUC falls towards 0.5): the first is drift, the second a performance
breach. Records are deterministic for a given (model, version, window, seed): a re-run sends the same ids, which
the service counts once.

Examples (deploy/local/traffic.sh wraps this with the local stack's URLs and the ci-pipeline token):
  traffic.py baseline    --model fraud-detector --version 1
  traffic.py predictions --model fraud-detector --version 1 --days 4 --per-day 1500
  traffic.py predictions --model fraud-detector --version 2 --days 4 --per-day 1500 --drift 1 --degrade 1 --outcomes
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import sys
import time
import urllib.error
import urllib.request

FEATURES = ["income", "debt_ratio", "utilisation", "age", "tenure_months", "region", "channel"]
REGIONS = ["north", "south", "east", "west"]
CHANNELS = ["web", "branch", "app"]
WEIGHTS = {"income": -0.9, "debt_ratio": 1.1, "utilisation": 1.6, "age": -0.3, "tenure_months": -0.5}
BIAS = -1.2


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def draw_features(rng, drift):
    """One applicant; drift in [0, 1] shifts utilisation up and makes 'east' and 'app' dominant."""
    region_weights = [1, 1, 1 + 6 * drift, 1]
    channel_weights = [1, 1, 1 + 4 * drift]
    return {
        "income": round(rng.lognormvariate(10.6, 0.45), 2),
        "debt_ratio": round(min(1.5, max(0.0, rng.gauss(0.35, 0.15))), 4),
        "utilisation": round(min(1.0, max(0.0, rng.betavariate(2, 5) + 0.2 * drift)), 4),
        "age": rng.randint(21, 75),
        "tenure_months": rng.randint(0, 240),
        "region": rng.choices(REGIONS, region_weights)[0],
        "channel": rng.choices(CHANNELS, channel_weights)[0],
    }


def linear(features):
    z = {
        "income": (math.log(features["income"]) - 10.6) / 0.45,
        "debt_ratio": (features["debt_ratio"] - 0.35) / 0.15,
        "utilisation": (features["utilisation"] - 0.29) / 0.16,
        "age": (features["age"] - 48) / 16,
        "tenure_months": (features["tenure_months"] - 120) / 70,
    }
    return BIAS + sum(WEIGHTS[name] * value for name, value in z.items())


def model_score(features):
    """What the served model answers: the probability of default."""
    return sigmoid(linear(features))


def true_outcome(rng, features, degrade):
    """What really happens. degrade in [0, 1] mixes in a relation the model does not know (concept drift)."""
    known = linear(features)
    unknown = 1.8 * (1 if features["channel"] == "app" else -1) - 0.8 * known
    return rng.random() < sigmoid((1 - degrade) * known + degrade * unknown)


def rng_for(*parts):
    return random.Random(int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:16], 16))


class Api:
    def __init__(self, url, token_file, token):
        self.url = url.rstrip("/")
        self.token_file = token_file
        self.token = token

    def _token(self):
        if self.token_file:
            with open(self.token_file) as f:
                return f.read().strip()
        return self.token

    def post(self, path, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()
        for attempt in range(8):
            request = urllib.request.Request(self.url + path, data=data, method="POST", headers={
                "Authorization": "Bearer " + self._token(), "Content-Type": content_type,
                "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status, json.loads(response.read() or b"null")
            except urllib.error.HTTPError as e:
                text = e.read().decode(errors="replace")
                if e.code in (429, 503) and attempt < 7:
                    time.sleep(float(e.headers.get("Retry-After") or 1))
                    continue
                return e.code, text
        raise RuntimeError("unreachable")


def day_starts(days, end=None):
    """The starts of the last `days` closed UTC days (oldest first), ending before `end` (today 00:00 UTC)."""
    today = (end or dt.datetime.now(dt.timezone.utc)).replace(hour=0, minute=0, second=0, microsecond=0)
    return [today - dt.timedelta(days=d) for d in range(days, 0, -1)]


def baseline(args, api):
    rng = rng_for(args.model, args.version, "baseline", args.seed)
    lines = [",".join(FEATURES + ["prediction"])]
    for _ in range(args.rows):
        f = draw_features(rng, 0.0)
        lines.append(",".join(str(f[name]) for name in FEATURES) + f",{model_score(f):.6f}")
    status, body = api.post(f"/api/v1/models/{args.model}/versions/{args.version}/baseline",
                            ("\n".join(lines) + "\n").encode(), "text/csv")
    report(status, body, f"baseline of {args.model} v{args.version} ({args.rows} rows)", (200, 201, 409))


def predictions(args, api):
    sent = outcomes = 0
    now = dt.datetime.now(dt.timezone.utc)
    for start in day_starts(args.days, parse_time(args.until) if args.until else None):
        day = start.date().isoformat()
        rng = rng_for(args.model, args.version, day, args.seed)
        records, labels = [], []
        for i in range(args.per_day):
            at = start + dt.timedelta(seconds=rng.uniform(0, 86399))
            f = draw_features(rng, args.drift)
            score = model_score(f)
            failed = rng.random() < args.error_rate
            record_id = f"{args.model}-v{args.version}-{day}-{args.seed}-{i}"
            records.append({"id": record_id, "time": iso(at), "arm": args.arm, "features": f,
                            "prediction": round(score, 6), "score": round(score, 6),
                            "latencyMs": round(rng.lognormvariate(math.log(args.latency_ms), 0.35), 1),
                            "error": failed})
            observed = min(at + dt.timedelta(hours=rng.uniform(1, args.label_delay_hours)), now)
            labels.append({"predictionId": record_id, "outcome": 1 if true_outcome(rng, f, args.degrade) else 0,
                           "time": iso(observed)})
        for chunk in chunks(records, args.batch):
            status, body = api.post(f"/api/v1/models/{args.model}/versions/{args.version}/predictions",
                                    {"records": chunk})
            report(status, body, None, (200, 201, 202))
            sent += len(chunk)
        if args.outcomes:
            for chunk in chunks(labels, args.batch):
                status, body = api.post(f"/api/v1/models/{args.model}/versions/{args.version}/outcomes",
                                        {"records": chunk})
                report(status, body, None, (200, 201, 202))
                outcomes += len(chunk)
    print(f"    {args.model} v{args.version}: {sent} predictions"
          + (f", {outcomes} outcomes" if args.outcomes else "")
          + f" over {args.days} closed day(s) (drift {args.drift}, degrade {args.degrade})", file=sys.stderr)


def chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def iso(at):
    return at.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def report(status, body, what, accepted):
    if status not in accepted:
        print(f"traffic: HTTP {status}: {body}", file=sys.stderr)
        sys.exit(1)
    if what:
        print(f"    {what}: HTTP {status}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("GOVERNANCE_URL", "http://localhost:8080"))
    parser.add_argument("--token-file", default=os.environ.get("TRAFFIC_TOKEN_FILE"),
                        help="a file holding the bearer token (re-read before every request)")
    parser.add_argument("--token", default=os.environ.get("TRAFFIC_TOKEN"))
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("baseline", "predictions"):
        p = sub.add_parser(name)
        p.add_argument("--model", required=True)
        p.add_argument("--version", required=True, type=int)
        p.add_argument("--seed", default="demo")
    b = sub.choices["baseline"]
    b.add_argument("--rows", type=int, default=2000)
    p = sub.choices["predictions"]
    p.add_argument("--days", type=int, default=4, help="how many closed UTC days before --until to fill")
    p.add_argument("--until", help="ISO time; the days end at its 00:00 UTC (default: today)")
    p.add_argument("--per-day", type=int, default=1500)
    p.add_argument("--arm", default="champion", choices=["champion", "canary", "shadow"])
    p.add_argument("--drift", type=float, default=0.0)
    p.add_argument("--degrade", type=float, default=0.0)
    p.add_argument("--error-rate", type=float, default=0.002)
    p.add_argument("--latency-ms", type=float, default=40.0)
    p.add_argument("--outcomes", action="store_true", help="also send each record's outcome")
    p.add_argument("--label-delay-hours", type=float, default=24.0)
    p.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    if not (args.token or args.token_file):
        parser.error("a token is needed: --token, --token-file, TRAFFIC_TOKEN or TRAFFIC_TOKEN_FILE")
    api = Api(args.url, args.token_file, args.token)
    {"baseline": baseline, "predictions": predictions}[args.command](args, api)


if __name__ == "__main__":
    main()
