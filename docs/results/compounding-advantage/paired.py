#!/usr/bin/env python3
"""Paired lever effects on entrenchment (docs/experiments/compounding-advantage.md#the-levers-with-auction-feedback)
from runs-levers.csv (channels.py's, per run): at f = 4, per feed, each lever's early-winner ratio minus that of no
lever (uniform price, no tax, 5% depreciation: one economy, the same checksum in the three sweeps) in the same seed;
the mean difference with its 95% Student-t interval over the seeds and the seeds in which the lever's ratio is lower;
then the differences between the levers the rankings order, and with the default feeds the same on the
early winners' share itself (Result 3's measure). Usage: python3 paired.py
"""
import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
T975 = {9: 2.262}  # Student-t 97.5% quantile, 9 degrees of freedom (10 seeds)
LEVERS = [("principal cap, 20%", "levers", '{"type":"principal_cap","max_share":0.2}'),
          ("reserved share, 50%", "levers", '{"type":"reserved_share","share":0.5}'),
          ("equal endowment (CEEI)", "levers", '{"type":"equal_endowment","budget":1}'),
          ("depreciation 30%", "depreciation", "0.3"),
          ("wealth tax 0.005", "phase", "0.005"),
          ("wealth tax 0.02", "phase", "0.02"),
          ("wealth tax 0.06", "phase", "0.06")]
NONE = ("no lever", "levers", '{"type":"uniform_price"}')


def ratios(data, feed, lever, metric="ratio"):
    _, sweep, setting = lever
    name = "compounding-" + sweep + ("-auction-feedback" if feed else "")
    rows = [r for r in data if r["sweep"] == name and r["setting"] == setting and r["feedback"] == "4"]
    return {int(r["seed"]): float(r[metric]) for r in rows}


def paired(a, b, digits=2):
    seeds = sorted(a)
    assert seeds == sorted(b), "unpaired seeds"
    d = [a[s] - b[s] for s in seeds]
    n = len(d)
    m = sum(d) / n
    half = T975[n - 1] * math.sqrt(sum((x - m) ** 2 for x in d) / (n - 1) / n)
    f = "%+." + str(digits) + "f"
    return (f + " [" + f + ", " + f + "], lower in %d of %d seeds") % (m, m - half, m + half, sum(x < 0 for x in d), n)


def main():
    data = list(csv.DictReader(open(os.path.join(HERE, "runs-levers.csv"))))
    for feed in (False, True):
        print("f = 4, %s: lever minus no lever, early winners ÷ chance, paired by seed"
              % ("with auction feedback" if feed else "default feeds"))
        none = ratios(data, feed, NONE)
        for lever in LEVERS:
            print("  %-24s %s" % (lever[0], paired(ratios(data, feed, lever), none)))
        print("  between levers (first minus second):")
        for i, a in enumerate(LEVERS[2:], 2):
            for b in LEVERS[i + 1:]:
                print("  %-24s - %-22s %s" % (a[0], b[0], paired(ratios(data, feed, a), ratios(data, feed, b))))
        print()
    print("f = 4, default feeds: the early winners' share of the top decile (Result 3's measure), first minus second")
    tax = [lever for lever in LEVERS if lever[1] == "phase"]
    for a in [LEVERS[3]] + tax:
        for b in tax:
            if a[2] < b[2] or a[1] != "phase":
                print("  %-24s - %-22s %s" % (a[0], b[0], paired(ratios(data, False, a, "early_winner_share"),
                                                                  ratios(data, False, b, "early_winner_share"), 3)))


if __name__ == "__main__":
    main()
