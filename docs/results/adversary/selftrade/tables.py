#!/usr/bin/env python3
"""Prints the tables of docs/experiments/malicious-cohort.md#the-self-trading-rule and sybil-swarm.md#linking-
thresholds from the files in docs/results/adversary/: roc.csv (this folder, replay.py's), and the summary.csv and
results.csv of the adaptive, enforced and threshold sweeps. Usage: python3 tables.py > tables.md
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
UP = os.path.join(HERE, "..")
ATTACKER = ["population[shady].params.qty", "population[shady].params.wash_ticks_min",
            "population[shady].params.activity"]
BINS = {"30": "1 bin", "4": "7 bins"}


def rows(path):
    return list(csv.DictReader(open(path)))


def pct(x):
    return f"{float(x):.2f}"


def roc():
    data = rows(os.path.join(HERE, "roc.csv"))
    points = sorted({tuple(r[k] for k in ATTACKER) for r in data},
                    key=lambda p: (-int(p[0]), -int(p[1]), -float(p[2])))
    settings = []
    for r in data:
        s = (r["rule"], r["share"], r["window"])
        if s not in settings:
            settings.append(s)
    head = " | ".join(f"qty {'2-20' if q == '20' else q}, {BINS[w]}, activity {a}" for q, w, a in points)
    print("Detected of 10 seeds, mean time to detection (epochs), seeds with an honest principal flagged; flag-only"
          " runs of adversary-wash-self replayed (replay.py):\n")
    print(f"| rule | {head} |")
    print("|---" * (len(points) + 1) + "|")
    for s in settings:
        cells = []
        for p in points:
            r = next(r for r in data
                     if tuple(r[k] for k in ATTACKER) == p and (r["rule"], r["share"], r["window"]) == s)
            delay = f", {float(r['delay_mean']):.1f}" if r["delay_mean"] else ""
            cells.append(f"{r['detected']}{delay}; FP {r['fp_runs']}")
        name = (f"self-trade {s[1]} over {s[2]}" if s[0] == "self_trade"
                else f"wash share {s[1]}, {s[2]} epochs, {s[0].replace('wash ', '')}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()


def summary_table(name, keys, title):
    path = os.path.join(UP, f"{name}.summary.csv")
    if not os.path.exists(path):
        return
    print(title + "\n")
    cols = ["linking.detected", "linking.detection_delay", "linking.honest_flagged_share",
            "linking.honest_killed_share", "linking.attacker_self_traded", "linking.attacker_backoff_epochs",
            "compute.volume"]
    print("| " + " | ".join(keys + cols) + " |")
    print("|---" * (len(keys) + len(cols)) + "|")
    for r in rows(path):
        cells = [r[k] for k in keys]
        for c in cols:
            m = r.get(c + ".mean", "")
            lo, hi = r.get(c + ".ci95_low", ""), r.get(c + ".ci95_high", "")
            cells.append(f"{float(m):.3g} [{float(lo):.3g}, {float(hi):.3g}]" if m and lo else (m or "–"))
        print("| " + " | ".join(cells) + " |")
    print()


def delays(name, keys):
    """Per point: the detection delays of the detected seeds and the seeds detected (results.csv)."""
    path = os.path.join(UP, f"{name}.results.csv")
    if not os.path.exists(path):
        return
    by = {}
    for r in rows(path):
        k = tuple(r[x] for x in keys)
        d = by.setdefault(k, {"n": 0, "det": 0, "delays": []})
        d["n"] += 1
        if r["linking.detected"] == "1":
            d["det"] += 1
            d["delays"].append(int(float(r["linking.detection_delay"])))
    print(f"{name}: detected seeds and their delays\n")
    print("| " + " | ".join(keys) + " | detected | delays |")
    print("|---" * (len(keys) + 2) + "|")
    for k, d in by.items():
        print("| " + " | ".join(k) + f" | {d['det']}/{d['n']} | {sorted(d['delays'])} |")
    print()


def main():
    roc()
    watch = ["population[shady].params.watch.share", "population[shady].params.watch.activity"]
    summary_table("adversary-wash-self-adaptive", watch, "Adaptive attacker against the self-trading rule at 0.25"
                  " over 20 epochs (flag-only), mean [95% interval] over 10 seeds (detected: Wilson):")
    delays("adversary-wash-self-adaptive", watch)
    summary_table("adversary-wash-self-enforced", ["stages.linking.enforce"], "The same rule enforcing, against the"
                  " attacker that never backs off:")
    thresholds = ["stages.linking.min_similarity", "stages.linking.timing_epochs"]
    for v in ("spread16", "spread0"):
        name = f"adversary-sybil-5p-{v}-stagger0-drawn-thresholds"
        summary_table(name, thresholds, f"Linking thresholds, five principals ({v}, drawn), linking alone:")


if __name__ == "__main__":
    main()
