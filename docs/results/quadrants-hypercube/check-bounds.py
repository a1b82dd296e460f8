#!/usr/bin/env python3
"""Checks that no interval of a bounded metric in the quadrants' tables leaves its bounds (the bounds of
../quadrants-factorial/analyze.py: drawdowns and falls in [0, 1], Gini changes in [-1, 1], counts, exposures and price
errors at least 0), after the analysis' own self-check (known answers, and a t-interval above 1 refused).

    python3 docs/results/quadrants-hypercube/check-bounds.py docs/results/quadrants-*/*.csv

Reads every file with a metric column and level intervals (<corner>.ci95_low and .ci95_high, or ci95_low and
ci95_high); differences and interactions (interaction.*, *_effect.*, x_permeable.*, main.*) are not levels and are
not checked, nor are a lever's effects (E.effect, I.effect, E_minus_I). Prints each interval outside its bounds and
exits 1 if there is one."""
import csv
import importlib.util
import os
import sys

spec = importlib.util.spec_from_file_location("analyze", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                                      "quadrants-factorial", "analyze.py"))
base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(base)
base.self_check()
# Column prefixes of differences (interactions, a lever's effect, E minus I), which may take either sign
NOT_LEVELS = ("interaction", "E_open_effect", "I_open_effect", "x_permeable", "main", "E_minus_I", "E.effect",
              "I.effect")
bad = checked = 0
for path in sys.argv[1:]:
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if not rows or "metric" not in rows[0]:
        continue
    prefixes = sorted({c[:-len("ci95_low")] for c in rows[0] if c.endswith("ci95_low")})
    for r in rows:
        for p in prefixes:
            if p.startswith(NOT_LEVELS) or r[p + "ci95_low"] in ("", None):
                continue
            checked += 1
            try:
                base.check_inside("%s %s" % (path, p.rstrip(".") or "interval"), r["metric"], float(r[p + "ci95_low"]),
                                  float(r[p + "ci95_high"]))
            except SystemExit as e:
                print(e)
                bad += 1
print("check-bounds: %d intervals of %d files checked, %d outside their bounds" % (checked, len(sys.argv) - 1, bad))
sys.exit(1 if bad else 0)
