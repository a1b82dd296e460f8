#!/usr/bin/env python3
"""Figures the prose of docs/experiments/venue-routing.md quotes beyond summary.json, from the committed runs.csv and
paths.csv.gz: epochs without volume on a, the last epoch a trades, who counts as back at its level, the paired
pre-crash gap, the difference-in-differences against the no-seller control and the paired gaps of the sensitivity
runs. Intervals: two-sided 95% Student-t over the 10 seeds (t = 2.262), in percentage points. Levels of gaps are
quoted in the doc from summary.json (log-scale intervals); the Student-t ones printed here are for reference.

    python3 docs/results/venue-routing/prose_checks.py > docs/results/venue-routing/prose_checks.txt
"""
import csv
import gzip
import math
import pathlib
import statistics as st

D = pathlib.Path(__file__).resolve().parent
SEEDS = range(1, 11)
T9 = 2.262


def ci(xs):
    m = st.mean(xs)
    h = T9 * st.stdev(xs) / math.sqrt(len(xs))
    return "%+.2f [%.2f, %.2f]" % (m, m - h, m + h)


P = {}
for r in csv.DictReader(gzip.open(D / "paths.csv.gz", "rt")):
    P.setdefault((r["config"], int(r["seed"])), []).append(r)
R = {(r["config"], int(r["seed"])): r for r in csv.DictReader(open(D / "runs.csv"))}


def count(c, s, test):
    return sum(1 for r in P[(c, s)] if test(int(r["epoch"]), float(r["a_volume"])))


for c in ("off", "off-breaker", "on", "on-breaker"):
    zero = [count(c, s, lambda e, v: e <= 100 and v == 0) for s in SEEDS]
    zero_after = [count(c, s, lambda e, v: e > 100 and v == 0) for s in SEEDS]
    last = [max(int(r["epoch"]) for r in P[(c, s)] if float(r["a_volume"]) > 0) for s in SEEDS]
    print(c, "epochs without volume on a, 1-100:", zero, "| after 100:", zero_after, "| last trade:", last)
    print("  pre-crash gap %", ci([100 * float(R[(c, s)]["mean_gap_pre"]) for s in SEEDS]),
          " mean gap after %", ci([100 * float(R[(c, s)]["mean_gap"]) for s in SEEDS]), "(Student-t)")
    rec = [(s, R[(c, s)]["a_recovered"], "%.4f" % (100 * float(R[(c, s)]["a_depth"])), last[s - 1]) for s in SEEDS]
    print("  seed, back to level, a depth %, last trade:", rec)
    ok = [s for s, back, depth, lt in rec if back == "1" and lt > 100 and float(depth) > 0]
    fell = [s for s, back, depth, lt in rec if lt > 100 and float(depth) > 0]
    print("  back to level among runs where a trades after epoch 100 and fell:", len(ok), ok, "of", len(fell), fell)


def pair(a, b, k):
    return [100 * (float(R[(a, s)][k]) - float(R[(b, s)][k])) for s in SEEDS]


d = pair("off-breaker", "off", "mean_gap_pre")
print("pre-crash gap off-breaker - off", ci(d), "lower in", sum(x < 0 for x in d))
print("mean gap after 100 off-breaker - off", ci(pair("off-breaker", "off", "mean_gap")))
for k in ("a_depth", "b_depth", "b_rise", "mean_gap", "max_gap"):
    d = [x - y for x, y in zip(pair("on", "off", k), pair("on-no-seller", "off-no-seller", k))]
    print("(on - off) - (on-no-seller - off-no-seller)", k, ci(d), "lower in", sum(x < 0 for x in d))
for c, o in (("on-threshold-1-5", "off"), ("on", "off"), ("on-threshold-50-150", "off"),
             ("on-routers-400", "off-routers-400"), ("on-routers-1600", "off-routers-1600")):
    d = pair(c, o, "mean_gap")
    print("mean gap", c, "-", o, ci(d), "lower in", sum(x < 0 for x in d))
for c in ("off", "off-no-seller"):
    print(c, "a depth %", ci([100 * float(R[(c, s)]["a_depth"]) for s in SEEDS]))
