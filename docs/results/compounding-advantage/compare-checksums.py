"""Compares two results.csv files of the same sweep row by row (point, seed): how many state checksums agree,
the feedback of the rows that differ, and whether the metrics the two files share agree where the checksums do.
Usage: python3 compare-checksums.py OLD_RESULTS.csv NEW_RESULTS.csv (see command.txt)."""
import csv, sys
old, new = sys.argv[1], sys.argv[2]
def rows(p):
    with open(p) as f: return {(r['point'], r['seed']): r for r in csv.DictReader(f)}
o, n = rows(old), rows(new)
fb_old = [k for k in next(iter(o.values())) if k.endswith('feedback')][0]
same = diff = 0; diffs = []
for k in sorted(o, key=lambda k: (int(k[0]), int(k[1]))):
    a, b = o[k], n[k]
    if a['state_checksum'] == b['state_checksum']: same += 1
    else: diff += 1; diffs.append((k, a[fb_old]))
print(f"{old}: {len(o)} old rows, {len(n)} new; checksum same {same}, differ {diff}")
print("differing rows have feedback:", sorted(set(d[1] for d in diffs)))
# metrics equal where checksum same?
keys = [c for c in a if c in b and c not in ('point','seed','state_checksum','agent_epochs_per_second') and not c.endswith('feedback')]
bad = 0
for k in o:
    if o[k]['state_checksum'] == n[k]['state_checksum']:
        for c in keys:
            if c in ('capability.depreciation','wealth_tax.rate','resource_auctions[gpu].mechanism'): continue
            if o[k][c] != n[k][c]: bad += 1; print('metric differs with same checksum', k, c, o[k][c], n[k][c]) if bad < 5 else None
print("metric mismatches among same-checksum rows:", bad)
