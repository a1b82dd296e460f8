#!/usr/bin/env python3
"""Demand-reduction experiment (docs/experiments/demand-reduction.md): efficiency, revenue and surplus of the
large principal, of the fringe and of all bidders, per bid_units and fringe size, with paired differences
against truthful bidding (bid_units 5, the same seed: the same values drawn), from the sweep's run directories.

    vaesim sweep configs/sweeps/demand-reduction.json --out DIR
    python3 docs/results/demand-reduction/analyse.py DIR > docs/results/demand-reduction/analysis.json

Standard library only. Intervals: mean +- t(0.975, n-1) s / sqrt(n) over seeds."""
import csv
import json
import math
import os
import sys

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
BID = "resource_auctions[0].bidders[0].bid_units"
FRINGE = "population[fringe].count"
TRUTHFUL = "5"


def interval(xs):
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return {"mean": m, "ci95": [m, m], "n": n}
    s = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = T975[n - 1] * s / math.sqrt(n)
    return {"mean": m, "ci95": [m - h, m + h], "n": n}


def metrics(summary):
    a = json.load(open(summary))["auctions"][0]
    p = {x["name"]: x for x in a["principals"]}
    return {
        "efficiency": a["efficiency"],
        "revenue": a["revenue"],
        "bidder_surplus": a["bidder_surplus"],
        "cloud_surplus": p["cloud"]["surplus"],
        "fringe_surplus": p["fringe"]["surplus"],
        "cloud_share": p["cloud"]["share"],
        "cloud_payment_per_unit": p["cloud"]["payment"] / p["cloud"]["units"] if p["cloud"]["units"] else 0.0,
        "units_unsold": a["units_unsold"],
        "last_price": a["last_price"],
    }


def main(root):
    runs = {}
    with open(os.path.join(root, "results.csv")) as f:
        for row in csv.DictReader(f):
            d = os.path.join(root, "points", "p%04d-s%s" % (int(row["point"]), row["seed"]), "summary.json")
            runs.setdefault((row[FRINGE], row[BID]), {})[int(row["seed"])] = metrics(d)
    names = list(next(iter(next(iter(runs.values())).values())).keys())
    out = {"points": {}, "paired_vs_truthful": {}, "raw": {}}
    for (fringe, bid), by_seed in sorted(runs.items(), key=lambda kv: (int(kv[0][0]), -int(kv[0][1]))):
        key = "fringe=%s bid_units=%s" % (fringe, bid)
        out["points"][key] = {k: interval([v[k] for v in by_seed.values()]) for k in names}
        out["raw"][key] = {str(s): v for s, v in sorted(by_seed.items())}
        if bid != TRUTHFUL:
            base = runs[(fringe, TRUTHFUL)]
            seeds = sorted(set(by_seed) & set(base))
            out["paired_vs_truthful"][key] = {k: interval([by_seed[s][k] - base[s][k] for s in seeds])
                                              for k in names}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
