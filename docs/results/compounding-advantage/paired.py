#!/usr/bin/env python3
"""Paired effects, by seed, of docs/experiments/compounding-advantage.md. First the lever effects on entrenchment
(#the-levers-with-auction-feedback) from runs-levers.csv (channels.py's, per run): at f = 4, per feed, each lever's
early-winner ratio minus that of no lever (uniform price, no tax, 5% depreciation: one economy, the same checksum in
the three sweeps) in the same seed; the mean difference with its 95% Student-t interval over the seeds and the seeds
in which the lever's ratio is lower; then the differences between the levers the rankings order, and with the
default feeds the same on the early winners' share itself (Result 3's measure). Then the mission channel
(#the-mission-channel) from runs-missions.csv and runs-missions-sensitivity.csv: each principal's payment share and
the payment HHI by principal with the channel on at f = 1 and 4 minus the control in the same seed (channel off, or
f = 0 in the sensitivity sweep; one economy), and each principal's payment per agent ÷ the mean payment per agent
(share ÷ its share of the bidders): principals of unequal size can trade shares with the HHI unchanged.
Usage: python3 paired.py > paired.txt
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

    missions()


SIZES = {"swarm-ai": 400, "lab-a": 250, "lab-b": 250, "specialist-co": 100}  # configs/compounding-missions.json
MEASURES = ["payment_hhi"] + ["share." + p for p in SIZES]


def by_seed(rows, keep):
    return {int(r["seed"]): r for r in rows if keep(r)}


def missions():
    total = sum(SIZES.values())
    data = list(csv.DictReader(open(os.path.join(HERE, "runs-missions.csv"))))
    off = by_seed(data, lambda r: '"missions":false' in r["stages.capability.feeds"]
                  and r["stages.capability.feedback"] == "0")
    print("\nMission channel: per principal, payment per agent ÷ mean payment per agent, mean over seeds")
    for label, rows in [("off", off)] + [("on, f = %s" % f, by_seed(data, lambda r, f=f: '"missions":true' in
                                          r["stages.capability.feeds"] and r["stages.capability.feedback"] == f))
                                         for f in ("1", "4")]:
        print("  %-9s %s" % (label, ", ".join("%s %.2f" % (p, sum(float(r["share." + p]) for r in rows.values())
                                                             / len(rows) / (n / total)) for p, n in SIZES.items())))
        if label != "off":
            for m in MEASURES:
                a = {s: float(r[m]) for s, r in rows.items()}
                b = {s: float(r[m]) for s, r in off.items()}
                print("    %-20s minus off: %s" % (m, paired(a, b, 3)))
    data = list(csv.DictReader(open(os.path.join(HERE, "runs-missions-sensitivity.csv"))))
    keys = ["missions[tasks].tasks_per_round", "stages.capability.reinvest", "stages.capability.half_stock"]
    print("\nMission sensitivity (12 settings): minus f = 0 in the same seed and setting, the range over the settings")
    for f in ("1", "4"):
        for m in MEASURES:
            means, above, below = [], 0, 0
            for setting in sorted({tuple(r[k] for k in keys) for r in data}):
                pick = [r for r in data if tuple(r[k] for k in keys) == setting]
                a = {int(r["seed"]): float(r[m]) for r in pick if r["stages.capability.feedback"] == f}
                b = {int(r["seed"]): float(r[m]) for r in pick if r["stages.capability.feedback"] == "0"}
                d = [a[s] - b[s] for s in sorted(a)]
                mean = sum(d) / len(d)
                half = T975[len(d) - 1] * math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1) / len(d))
                means.append(mean)
                above += mean - half > 0
                below += mean + half < 0
            print("  f = %s %-20s mean difference %+.3f to %+.3f; interval above 0 at %d, below 0 at %d of %d"
                  % (f, m, min(means), max(means), above, below, len(means)))


if __name__ == "__main__":
    main()
