#!/usr/bin/env python3
"""Why the wash rule flags the fundamentalists: over the fingerprints of a sweep's flag-only runs, per principal,
the epochs judged (at least MIN_ORDERS orders), the share of them in which the two-sided aggressive share reaches
0.5, and the quartiles of that share and of the concentration (the smaller over the two sides of the share of a
side's aggressive orders in its most used bin). Usage: python3 diagnose.py SWEEP_DIR [POINT] > diagnose.txt
"""
import csv
import json
import os
import statistics
import sys

MIN_ORDERS = 10
AGGRESSIVE = 8  # aggressive_ticks 0, width 4: bins 8..15


def quartiles(xs):
    q = statistics.quantiles(xs, n=4) if len(xs) > 1 else xs * 3
    return f"{q[0]:.2f} / {statistics.median(xs):.2f} / {q[2]:.2f}"


def main():
    d = sys.argv[1]
    point = sys.argv[2] if len(sys.argv) > 2 else "0"
    shares, concs = {}, {}
    for row in csv.DictReader(open(os.path.join(d, "results.csv"))):
        if row["point"] != point:
            continue
        for line in open(os.path.join(d, "points", f"p{int(point):04d}-s{row['seed']}", "audit.jsonl")):
            r = json.loads(line)
            if r["type"] != "fingerprint" or r["orders"] < MIN_ORDERS:
                continue
            b, a = r["bid_aggression"][AGGRESSIVE:], r["ask_aggression"][AGGRESSIVE:]
            share = 2.0 * min(sum(b), sum(a)) / r["orders"]
            conc = min(max(b) / sum(b) if sum(b) else 0.0, max(a) / sum(a) if sum(a) else 0.0)
            shares.setdefault(r["principal"], []).append(share)
            concs.setdefault(r["principal"], []).append(conc)
    name = os.path.basename(os.path.normpath(d))
    print(f"{name} point {point}: epochs with at least {MIN_ORDERS} orders, over all seeds")
    print("principal | epochs judged | share >= 0.5 | share q1 / median / q3 | concentration q1 / median / q3")
    for p in sorted(shares):
        s = shares[p]
        high = sum(x >= 0.5 for x in s) / len(s)
        print(f"{p} | {len(s)} | {high:.2f} | {quartiles(s)} | {quartiles(concs[p])}")


if __name__ == "__main__":
    main()
