#!/usr/bin/env python3
"""Per run of a compounding sweep: the early winners' share of the final top wealth decile, the share they would have
if early compute did not matter (summary.json's entrenchment.early_winner_base_share) and their ratio; then per point
the mean ratio with a two-sided 95% Student-t interval over the seeds.

Usage: early-winner-ratios.py SWEEP_OUT_DIR RUNS_CSV  (writes RUNS_CSV, prints the per-point table)"""
import csv
import glob
import json
import os
import statistics
import sys

T975 = {9: 2.262}  # Student-t quantile for 10 seeds

out, runs_csv = sys.argv[1], sys.argv[2]
params = {}
with open(os.path.join(out, 'results.csv')) as f:
    for r in csv.DictReader(f):
        params[(int(r['point']), int(r['seed']))] = (r['stages.capability.feeds'], r['stages.capability.feedback'])
rows = []
for path in sorted(glob.glob(os.path.join(out, 'points', 'p*-s*', 'summary.json'))):
    name = os.path.basename(os.path.dirname(path))
    point, seed = int(name[1:5]), int(name.split('-s')[1])
    e = json.load(open(path))['entrenchment']
    share, base = e['early_winner_share'], e['early_winner_base_share']
    feeds, feedback = params[(point, seed)]
    rows.append((point, seed, feeds, feedback, share, base, share / base))
rows.sort()
with open(runs_csv, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['point', 'seed', 'stages.capability.feeds', 'stages.capability.feedback', 'early_winner_share',
                'early_winner_base_share', 'ratio'])
    for r in rows:
        w.writerow(r[:4] + tuple('%.6f' % x for x in r[4:]))
print('point | feeds | feedback | base share mean | ratio mean [95% CI]')
for p in sorted({r[0] for r in rows}):
    rs = [r for r in rows if r[0] == p]
    ratios = [r[6] for r in rs]
    m, sd = statistics.mean(ratios), statistics.stdev(ratios)
    h = T975[len(ratios) - 1] * sd / len(ratios) ** 0.5
    print('%d | %s | %s | %.4f | %.2f [%.2f, %.2f]' % (p, rs[0][2], rs[0][3], statistics.mean(r[5] for r in rs), m,
                                                       m - h, m + h))
