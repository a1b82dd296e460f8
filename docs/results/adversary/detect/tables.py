#!/usr/bin/env python3
"""Prints the tables of docs/experiments/malicious-cohort.md#the-detectors-trade-off from roc.csv (replay.py's
output): for chosen detector settings, per attacker point, detection (seeds of 10, Wilson 95% interval), time to
detection (mean, min-max over the detected seeds) and false positives (seeds with an honest principal flagged,
Wilson; mean share of honest agents flagged). Usage: python3 tables.py [roc.csv] > tables.md
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ACTIVITY = "population[shady].params.activity"
SPREAD = "population[shady].params.wash_ticks_min"
# (label, wash_share, wash_epochs, min_orders, wash_concentration)
SETTINGS = [
    ("share rule as configured (0.5, 5 epochs, 20 orders)", "0.5", "5", "20", "0"),
    ("share rule, 10 orders", "0.5", "5", "10", "0"),
    ("longer persistence: 12 epochs", "0.5", "12", "10", "0"),
    ("higher share: 0.8", "0.8", "5", "10", "0"),
    ("share 0.6 and 12 epochs", "0.6", "12", "10", "0"),
    ("share 0.4 (below the balance of a lopsided attacker)", "0.4", "5", "10", "0"),
    ("concentration 0.3, share 0.6, 8 epochs", "0.6", "8", "10", "0.3"),
    ("concentration 0.45 (share 0.5, 5 epochs)", "0.5", "5", "10", "0.45"),
    ("concentration 0.45, 20 orders", "0.5", "5", "20", "0.45"),
    ("concentration 0.6", "0.5", "5", "10", "0.6"),
]


def cell(r):
    det = f"{r['detected']}/{r['seeds']} [{float(r['detected_ci95_low']):.2f}, {float(r['detected_ci95_high']):.2f}]"
    delay = f"{float(r['delay_mean']):.1f} ({r['delay_min']}–{r['delay_max']})" if r["delay_mean"] else "–"
    return det, delay


def main():
    rows = list(csv.DictReader(open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "roc.csv"))))
    points = []
    for r in rows:
        p = (r[ACTIVITY], r[SPREAD])
        if p not in points:
            points.append(p)
    for label, share, epochs, orders, conc in SETTINGS:
        pick = [r for r in rows if (r["wash_share"], r["wash_epochs"], r["min_orders"], r["wash_concentration"])
                == (share, epochs, orders, conc)]
        fp = pick[0]
        print(f"**{label}**: wash_share {share}, wash_epochs {epochs}, min_orders {orders}, "
              f"wash_concentration {conc}\n")
        print("| activity | spread (ticks through) | detected | time to detection | seeds with an honest principal"
              " flagged | honest agents flagged |")
        print("|---|---|---|---|---|---|")
        for a, w in points:
            r = next(x for x in pick if (x[ACTIVITY], x[SPREAD]) == (a, w))
            det, delay = cell(r)
            fp_runs = (f"{r['fp_runs']}/{r['seeds']} [{float(r['fp_runs_ci95_low']):.2f},"
                       f" {float(r['fp_runs_ci95_high']):.2f}]")
            print(f"| {a} | {w}–30 | {det} | {delay} | {fp_runs} | {float(r['fp_agents_mean']):.3f} |")
        print()


if __name__ == "__main__":
    main()
