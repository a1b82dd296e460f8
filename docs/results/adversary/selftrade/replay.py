#!/usr/bin/env python3
"""Replays the linking stage's self-trading rule at other thresholds over recorded fingerprints: a detector's ROC.

The flag-only runs of configs/sweeps/adversary-wash-self.json (linking.enforce false, record_fingerprints true)
leave in each run's audit.jsonl one `fingerprint` record per principal and epoch with the units the principal bought
and sold at the clearing and the market's volume (docs/outputs.md), which is all the self-trading rule reads
(docs/safety.md#linking-principals-from-behaviour). Flagging stops nobody, so the rule can be replayed here at any
self_trade_share and self_trade_epochs. The replay is checked first: at each run's own thresholds, with the wash
rule the runs also ran (replayed with detect/replay.py's code), it must give exactly the principals and first
epochs the stage flagged (summary.json's linking.flagged), in every run; runs with links are refused.

For comparison the same runs are replayed under the wash rule's best settings of docs/results/adversary/detect/
(two-sided share with the concentration condition), with detect/replay.py's code.

Writes roc.csv (one row per attacker point and setting: detected of the seeds with Wilson's 95% interval, time to
detection, seeds with an honest principal flagged with Wilson's interval, the mean share of honest agents flagged)
and prints tables.md. Usage: python3 replay.py OUT_DIR SWEEP_DIR...
"""
import csv
import itertools
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "detect"))
import replay as wash  # noqa: E402  (detect/replay.py: the wash rule's replay and Wilson's interval)

SHARES = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
WINDOWS = [5, 10, 20, 40]
WASH_SETTINGS = [  # (wash_share, wash_epochs, min_orders, wash_concentration): detect/'s rows in malicious-cohort.md
    (0.5, 5, 10, 0), (0.5, 5, 10, 0.45), (0.6, 8, 10, 0.3)]


def self_trade(epochs, volume, share, window):
    """The self-trading rule over one run ({epoch: {principal: record}}, {epoch: volume}): principal -> flag epoch."""
    first = {}
    flagged = {}
    last = max(volume) if volume else -1
    principals = {p for e in epochs for p in epochs[e]}
    for epoch in range(last + 1):
        for p in epochs.get(epoch, {}):
            first.setdefault(p, epoch)
        for p in sorted(principals):
            if p in flagged or p not in first or epoch - first[p] + 1 < window:
                continue
            own = 0
            market = 0
            for e in range(epoch - window + 1, epoch + 1):
                r = epochs.get(e, {}).get(p)
                own += min(r["bought"], r["sold"]) if r else 0
                market += volume.get(e, 0)
            if market > 0 and own >= share * market:
                flagged[p] = epoch
    return flagged


def load(run_dir):
    scenario, summary, epochs, sizes, attackers = wash.load(run_dir)
    volume = {}
    for e, records in epochs.items():
        for r in records.values():
            volume[e] = r["market_volume"]
    return scenario, summary, epochs, volume, sizes, attackers


def score(group, flags_of):
    """Detection, delays and false positives of one setting over one attacker point's runs."""
    detected, delays, fp_runs, fp_agents = 0, [], 0, 0.0
    for r in group:
        flags = flags_of(r)
        honest = [p for p in r["sizes"] if p not in r["attackers"]]
        if all(a in flags for a in r["attackers"]):
            detected += 1
            delays.append(max(flags[a] for a in r["attackers"]) - r["first_attack"] + 1)
        wrong = [p for p in honest if p in flags]
        fp_runs += 1 if wrong else 0
        fp_agents += sum(r["sizes"][p] for p in wrong) / sum(r["sizes"][p] for p in honest)
    n = len(group)
    d_lo, d_hi = wash.wilson(detected, n)
    f_lo, f_hi = wash.wilson(fp_runs, n)
    return {"seeds": n, "detected": detected, "detected_ci95_low": round(d_lo, 4),
            "detected_ci95_high": round(d_hi, 4),
            "delay_mean": round(sum(delays) / len(delays), 2) if delays else "",
            "delay_min": min(delays) if delays else "", "delay_max": max(delays) if delays else "",
            "fp_runs": fp_runs, "fp_runs_ci95_low": round(f_lo, 4), "fp_runs_ci95_high": round(f_hi, 4),
            "fp_agents_mean": round(fp_agents / n, 4)}


def main():
    out = sys.argv[1]
    runs = []
    for d in sys.argv[2:]:
        for row in csv.DictReader(open(os.path.join(d, "results.csv"))):
            run_dir = os.path.join(d, "points", f"p{int(row['point']):04d}-s{row['seed']}")
            scenario, summary, epochs, volume, sizes, attackers = load(run_dir)
            link = scenario["stages"]["linking"]
            width = link.get("width_ticks", 4)
            own = self_trade(epochs, volume, link["self_trade_share"], link.get("self_trade_epochs", 10))
            washed = wash.replay(epochs, link.get("wash_share", 0.5), link.get("wash_epochs", 0),
                                 link.get("min_orders", 20), link.get("wash_concentration", 0),
                                 link.get("aggressive_ticks", 0) // width + wash.BINS // 2)
            for p, e in washed.items():  # the stage keeps each principal's first flag, by either rule
                own[p] = min(e, own.get(p, e))
            if summary["linking"]["links"] or own != summary["linking"]["flagged"]:
                raise SystemExit(f"{run_dir}: the replay flags {own}, the stage flagged"
                                 f" {summary['linking']['flagged']} (links: {len(summary['linking']['links'])})")
            params = {k: row[k] for k in row if k.startswith(("population", "stages"))}
            first = min((e for e in epochs for p in epochs[e] if p in attackers), default=None)
            runs.append({"params": params, "seed": int(row["seed"]), "epochs": epochs, "volume": volume,
                         "sizes": sizes, "attackers": attackers, "first_attack": first,
                         "aggressive": link.get("aggressive_ticks", 0) // width + wash.BINS // 2})
    print(f"replay reproduces the stage's flags in all {len(runs)} runs", file=sys.stderr)
    points = {}
    for r in runs:
        points.setdefault(json.dumps(r["params"], sort_keys=True), []).append(r)
    rows = []
    for params, group in points.items():
        for share, window in itertools.product(SHARES, WINDOWS):
            rows.append({**json.loads(params), "rule": "self_trade", "share": share, "window": window,
                         **score(group, lambda r: self_trade(r["epochs"], r["volume"], share, window))})
        for share, epochs, orders, conc in WASH_SETTINGS:
            rows.append({**json.loads(params), "rule": f"wash min_orders {orders} concentration {conc}",
                         "share": share, "window": epochs,
                         **score(group, lambda r: wash.replay(r["epochs"], share, epochs, orders, conc,
                                                              r["aggressive"]))})
    wash.write_roc(out, rows)


if __name__ == "__main__":
    main()
