#!/usr/bin/env python3
"""Replays the linking stage's wash rule at other thresholds over recorded fingerprints: a detector's ROC.

A sweep over flag-only runs (linking.enforce false, record_fingerprints true: configs/adversary/wash-drawn.json)
leaves in each run's audit.jsonl one `fingerprint` record per principal and epoch, which is all the wash rule
reads (docs/safety.md#linking-principals-from-behaviour). Flagging stops nobody, so a run's fingerprints do not
depend on the thresholds, and the rule can be replayed here at any wash_share, wash_epochs, min_orders and
wash_concentration without running the economy again. The replay is checked first: at each run's own thresholds
it must give exactly the principals and epochs the stage flagged (summary.json's linking.flagged), in every run;
a run with links (groups of several principals) is refused, since the replay judges single principals only.

For each attacker point (the sweep's grid values) and each threshold setting it writes a row of roc.csv:
- detected: seeds in which the attacking principal was flagged, of the seeds, with Wilson's 95% interval;
- delay: epochs from the attacker's first order to its flag, inclusive, over the detected seeds (mean, min, max);
- fp_runs: seeds in which any honest principal was flagged, with Wilson's interval (seeds are independent);
- fp_principals: honest principals flagged over all seeds, of the honest principals in all seeds (Wilson's
  interval treats them as independent, which principals of one run are not: read it as descriptive);
- fp_agents: the mean share of honest agents whose principal was flagged.
Usage: python3 replay.py OUT_DIR SWEEP_DIR...
"""
import csv
import itertools
import json
import math
import os
import sys

BINS = 16
Z = 1.959964
SHARES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
EPOCHS = [3, 5, 8, 12]
MIN_ORDERS = [5, 10, 20]
CONCENTRATIONS = [0, 0.3, 0.45, 0.6, 0.75, 0.9]


def wilson(k, n):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def concentration(row, aggressive):
    least = 1.0
    for side in ("bid_aggression", "ask_aggression"):
        counts = row[side][aggressive:]
        total = sum(counts)
        least = min(least, max(counts) / total if total else 0.0)
    return least


def replay(epochs, share, wash_epochs, min_orders, conc, aggressive):
    """The wash rule over one run's fingerprints ({epoch: {principal: record}}): principal -> first flag epoch."""
    streak = {}
    flagged = {}
    for epoch in sorted(epochs):
        for p, r in epochs[epoch].items():
            total = r["orders"]
            if total < min_orders or wash_epochs == 0:
                continue  # too few orders to judge: the streak stands
            bids = sum(r["bid_aggression"][aggressive:])
            asks = sum(r["ask_aggression"][aggressive:])
            washing = 2.0 * min(bids, asks) / total >= share and (conc == 0 or concentration(r, aggressive) >= conc)
            streak[p] = streak.get(p, 0) + 1 if washing else 0
            if streak[p] >= wash_epochs and p not in flagged:
                flagged[p] = epoch
    return flagged


def load(run_dir):
    scenario = json.load(open(os.path.join(run_dir, "scenario.json")))
    summary = json.load(open(os.path.join(run_dir, "summary.json")))
    epochs = {}
    for line in open(os.path.join(run_dir, "audit.jsonl")):
        r = json.loads(line)
        if r["type"] == "fingerprint":
            if r["group"] != r["principal"]:
                raise SystemExit(f"{run_dir}: {r['principal']} is linked to {r['group']}: the replay judges single"
                                 " principals only")
            epochs.setdefault(r["epoch"], {})[r["principal"]] = r
    sizes = {}
    attackers = set()
    for c in scenario["population"]:
        p = c.get("principal", c["name"])
        sizes[p] = sizes.get(p, 0) + c["count"]
        if c["strategy"] == "manipulator":
            attackers.add(p)
    return scenario, summary, epochs, sizes, attackers


def write_roc(out, rows):
    """Writes the rows (dicts with the same keys) to OUT/roc.csv."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "roc.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows -> {os.path.join(out, 'roc.csv')}", file=sys.stderr)


def main():
    out = sys.argv[1]
    runs = []
    for d in sys.argv[2:]:
        for row in csv.DictReader(open(os.path.join(d, "results.csv"))):
            run_dir = os.path.join(d, "points", f"p{int(row['point']):04d}-s{row['seed']}")
            scenario, summary, epochs, sizes, attackers = load(run_dir)
            link = scenario["stages"]["linking"]
            width = link.get("width_ticks", 4)
            aggressive = link.get("aggressive_ticks", 0) // width + BINS // 2
            own = replay(epochs, link.get("wash_share", 0.5), link.get("wash_epochs", 0),
                         link.get("min_orders", 20), link.get("wash_concentration", 0), aggressive)
            if summary["linking"]["links"] or own != summary["linking"]["flagged"]:
                raise SystemExit(f"{run_dir}: the replay flags {own}, the stage flagged"
                                 f" {summary['linking']['flagged']} (links: {len(summary['linking']['links'])})")
            params = {k: row[k] for k in row if k.startswith(("population", "stages"))}
            first = min((e for e in epochs for p in epochs[e] if p in attackers), default=None)
            runs.append({"sweep": os.path.basename(os.path.normpath(d)), "params": params, "seed": int(row["seed"]),
                         "epochs": epochs, "sizes": sizes, "attackers": attackers, "first_attack": first,
                         "aggressive": aggressive})
    print(f"replay reproduces the stage's flags in all {len(runs)} runs", file=sys.stderr)
    points = {}
    for r in runs:
        points.setdefault((r["sweep"], json.dumps(r["params"], sort_keys=True)), []).append(r)
    rows = []
    for (sweep, params), group in points.items():
        for share, wash_epochs, min_orders, conc in itertools.product(SHARES, EPOCHS, MIN_ORDERS, CONCENTRATIONS):
            detected = 0
            delays = []
            fp_runs = 0
            fp_principals = 0
            honest_principals = 0
            fp_agents = 0.0
            for r in group:
                flags = replay(r["epochs"], share, wash_epochs, min_orders, conc, r["aggressive"])
                honest = [p for p in r["sizes"] if p not in r["attackers"]]
                if all(a in flags for a in r["attackers"]):
                    detected += 1
                    delays.append(max(flags[a] for a in r["attackers"]) - r["first_attack"] + 1)
                wrong = [p for p in honest if p in flags]
                fp_runs += 1 if wrong else 0
                fp_principals += len(wrong)
                honest_principals += len(honest)
                fp_agents += sum(r["sizes"][p] for p in wrong) / sum(r["sizes"][p] for p in honest)
            n = len(group)
            d_lo, d_hi = wilson(detected, n)
            f_lo, f_hi = wilson(fp_runs, n)
            p_lo, p_hi = wilson(fp_principals, honest_principals)
            rows.append({"sweep": sweep, **json.loads(params), "wash_share": share, "wash_epochs": wash_epochs,
                         "min_orders": min_orders, "wash_concentration": conc, "seeds": n,
                         "detected": detected, "detected_rate": detected / n,
                         "detected_ci95_low": round(d_lo, 4), "detected_ci95_high": round(d_hi, 4),
                         "delay_mean": round(sum(delays) / len(delays), 2) if delays else "",
                         "delay_min": min(delays) if delays else "", "delay_max": max(delays) if delays else "",
                         "fp_runs": fp_runs, "fp_runs_rate": fp_runs / n,
                         "fp_runs_ci95_low": round(f_lo, 4), "fp_runs_ci95_high": round(f_hi, 4),
                         "fp_principals": fp_principals, "honest_principals": honest_principals,
                         "fp_principals_ci95_low": round(p_lo, 4), "fp_principals_ci95_high": round(p_hi, 4),
                         "fp_agents_mean": round(fp_agents / n, 4)})
    write_roc(out, rows)


if __name__ == "__main__":
    main()
