#!/usr/bin/env python3
"""Tables of the capability channels not measured before (docs/experiments/compounding-advantage.md): missions,
entry, and the levers with auction feedback, from the sweeps' run directories.

    python3 docs/results/compounding-advantage/channels.py SWEEPS_DIR OUT_DIR

SWEEPS_DIR holds compounding-missions, compounding-entry, each also with -sensitivity, and
compounding-{levers,depreciation,phase} each as it is and with -auction-feedback (vaesim sweep --out SWEEPS_DIR/NAME).
Writes to OUT_DIR:
- missions-points.csv and missions-sensitivity-points.csv: per point of the sweep's grid the mission's payment Gini
  (over bidders) and HHI (by principal), winners' mean capability, completion, mean price, each principal's payment
  share, the capability stock Gini and mean boost, over the run; and the same per-round figures (missions.csv)
  averaged over the first and the last 20 rounds;
- entry-points.csv and entry-sensitivity-points.csv: per point and arriving cohort, the share of its arrivals
  admitted (the audit log's entry records) over the arrival epochs 10-99, 100-199, 200-299 and 300-389 and over the
  run;
- levers-points.csv: per lever setting and feedback, with the default feeds (compounding-{levers,depreciation,phase})
  and with auction feedback as well (the three *-auction-feedback sweeps), the early compute winners' share of the
  final top wealth decile, its ratio to the share they would have by chance (summary.json's
  early_winner_base_share), the wealth Gini, the top-1% share, the compute HHI by principal and the auction's
  efficiency;
- runs-<sweep>.csv (runs-missions.csv, ..., runs-levers.csv): the same per run (every seed's values).
Intervals: 95% over the seeds, Student-t, or for a metric bounded in [0, 1] (Ginis, HHIs, shares, completion,
admission rates) the sweep's logit interval (Sweep.Interval; the function of ../quadrants-factorial/analyze.py), which
stays inside the bounds. A sweep's f = 0 points must give one state checksum per seed and setting of the parameters
that are not capability's, whatever the capability parameters (feeds, reinvest, half stock): the script stops if
not.
"""
import csv
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("analyze", os.path.join(HERE, "..", "quadrants-factorial", "analyze.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)  # interval (bounded), wilson, write

UNIT = base.UNIT
WINDOWS = [(10, 99), (100, 199), (200, 299), (300, 389)]


def results(sweeps, name):
    path = os.path.join(sweeps, name, "results.csv")
    if not os.path.exists(path):
        raise SystemExit("%s: missing; run ./vaesim sweep configs/sweeps/%s.json --out %s" % (path, name,
                                                                                           os.path.join(sweeps, name)))
    with open(path) as f:
        return list(csv.DictReader(f))


def run_dir(sweeps, name, r):
    return os.path.join(sweeps, name, "points", "p%04d-s%s" % (int(r["point"]), r["seed"]))


def num(x):
    return None if x in ("", None) else float(x)


def grid(rows):
    """The sweep's parameter columns: those between seed and state_checksum in results.csv."""
    cols = list(rows[0])
    return cols[cols.index("seed") + 1:cols.index("state_checksum")]


def control_check(rows):
    """At feedback 0 the boost is 0 and never read, and nothing is reinvested: every setting of the capability
    parameters (feeds, reinvest, half stock) gives one economy per seed and setting of the others. Returns how many
    such groups the sweep has (0 where it has no feedback-0 point)."""
    groups = {}
    for r in rows:
        if float(r["stages.capability.feedback"]) == 0:
            key = (r["seed"],) + tuple(r[p] for p in grid(rows) if not p.startswith("stages.capability."))
            groups.setdefault(key, set()).add(r["state_checksum"])
    bad = {k: c for k, c in groups.items() if len(c) != 1}
    if bad:
        raise SystemExit("feedback 0 differs across the capability parameters: %s" % bad)
    return len(groups)


def points(rows, keys):
    out = {}
    for r in rows:
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return out


def level(values, bounded):
    mean, low, high, n = base.interval(values, UNIT if bounded else None)
    if bounded:
        assert low is None or (0 <= low and high <= 1), (values, low, high)
    return [mean, low, high]


def order(key):
    """Points in grid order: numbers as numbers."""
    return tuple((0, float(k), "") if k.replace(".", "", 1).isdigit() else (1, 0.0, k) for k in key)


def missions(sweeps, out, name):
    rows = results(sweeps, name)
    params = grid(rows)
    groups = control_check(rows)
    principals = ["swarm-ai", "lab-a", "lab-b", "specialist-co"]
    runs = []
    for r in rows:
        s = json.load(open(os.path.join(run_dir(sweeps, name, r), "summary.json")))
        m = s["missions"][0]
        share = {p["name"]: p.get("payment_share", 0) for p in m["principals"]}
        rounds = list(csv.DictReader(open(os.path.join(run_dir(sweeps, name, r), "missions.csv"))))
        first, last = rounds[:20], rounds[-20:]

        def mean(rs, col):
            return sum(float(x[col]) for x in rs) / len(rs)
        runs.append({**{p: r[p] for p in params}, "seed": int(r["seed"]),
                     "payment_gini": m["payment_gini"], "payment_hhi": m["payment_hhi"],
                     "mean_winner_capability": m["mean_winner_capability"], "completion": m["completion"],
                     "mean_price": m["mean_price"], "paid": m["paid"],
                     "stock_gini": (s["capability"] or {}).get("stock_gini"),
                     "mean_boost": s["capability"]["mean_boost"],
                     **{"share." + p: share.get(p, 0) for p in principals},
                     "first20.mean_winner_capability": mean(first, "mean_winner_capability"),
                     "last20.mean_winner_capability": mean(last, "mean_winner_capability"),
                     "first20.payment_hhi": mean(first, "payment_hhi"),
                     "last20.payment_hhi": mean(last, "payment_hhi"),
                     "first20.price": mean(first, "price"), "last20.price": mean(last, "price"),
                     "first20.completion_rate": mean(first, "completion_rate"),
                     "last20.completion_rate": mean(last, "completion_rate")})
    metrics = [k for k in runs[0] if k not in params and k != "seed"]
    unbounded = {"mean_price", "paid", "mean_boost", "first20.price", "last20.price"}
    short = name[len("compounding-"):]
    base.write(os.path.join(out, "runs-%s.csv" % short), params + ["seed"] + metrics,
               [[r[k] for k in params + ["seed"] + metrics]
                for r in sorted(runs, key=lambda r: order(tuple(r[p] for p in params)) + (r["seed"],))])
    table = []
    for key, rs in sorted(points(runs, params).items(), key=lambda x: order(x[0])):
        for m in metrics:
            vals = [r[m] for r in rs if r[m] is not None]
            if vals:
                table.append(list(key) + [m] + level(vals, m not in unbounded) + [len(vals)])
    base.write(os.path.join(out, "%s-points.csv" % short), params + ["metric", "mean", "ci95_low", "ci95_high",
               "seeds"], table)
    print("%s: %d runs; at feedback 0 one economy per seed whatever the capability parameters (%d groups)"
          % (name, len(rows), groups))


def entry(sweeps, out, name):
    rows = results(sweeps, name)
    params = grid(rows)
    groups = control_check(rows)
    runs = []
    for r in rows:
        counts = {}
        for line in open(os.path.join(run_dir(sweeps, name, r), "audit.jsonl")):
            d = json.loads(line)
            if d.get("type") != "entry":
                continue
            for w, (lo, hi) in enumerate(WINDOWS + [(WINDOWS[0][0], WINDOWS[-1][1])]):
                if lo <= d["epoch"] <= hi:
                    c = counts.setdefault((d["cohort"], w), [0, 0])
                    c[0] += d["admitted"]
                    c[1] += d["admitted"] + d["refused"]
        s = json.load(open(os.path.join(run_dir(sweeps, name, r), "summary.json")))
        for (cohort, w), (admitted, applied) in counts.items():
            runs.append({**{p: r[p] for p in params}, "seed": int(r["seed"]), "cohort": cohort,
                         "window": "%d-%d" % (WINDOWS + [(10, 389)])[w], "admitted": admitted, "applied": applied,
                         "rate": admitted / applied, "mean_boost": s["capability"]["mean_boost"]})
    keys = params + ["seed", "cohort", "window", "admitted", "applied", "rate", "mean_boost"]
    runs.sort(key=lambda r: order(tuple(r[p] for p in params)) + (r["cohort"], r["window"], r["seed"]))
    short = name[len("compounding-"):]
    base.write(os.path.join(out, "runs-%s.csv" % short), keys, [[r[k] for k in keys] for r in runs])
    table = []
    for key, rs in sorted(points(runs, params + ["cohort", "window"]).items(), key=lambda x: order(x[0])):
        table.append(list(key) + level([r["rate"] for r in rs], True) + [len(rs)])
    base.write(os.path.join(out, "%s-points.csv" % short), params + ["cohort", "arrival_epochs",
               "admitted_share.mean", "ci95_low", "ci95_high", "seeds"], table)
    print("%s: %d runs; at feedback 0 one economy per seed whatever the capability parameters (%d groups)"
          % (name, len(rows), groups))


LEVER_PARAMS = {"levers": "resource_auctions[gpu].mechanism", "depreciation": "stages.capability.depreciation",
                "phase": "stages.wealth_tax.rate"}
# each lever sweep with the default feeds (negotiation: the yard sale's coin) and with auction feedback as well
LEVER_SWEEPS = {"compounding-%s%s" % (k, tail): (v, feeds) for k, v in LEVER_PARAMS.items()
                for tail, feeds in (("", "negotiation"), ("-auction-feedback", "negotiation+auctions"))}


def levers(sweeps, out):
    runs = []
    for name, (param, feeds) in LEVER_SWEEPS.items():
        rows = results(sweeps, name)
        for r in rows:
            e = json.load(open(os.path.join(run_dir(sweeps, name, r), "summary.json")))["entrenchment"]
            runs.append({"sweep": name, "feeds": feeds, "lever": param, "setting": r[param],
                         "feedback": r["stages.capability.feedback"], "seed": int(r["seed"]),
                         "early_winner_share": e["early_winner_share"],
                         "early_winner_base_share": e["early_winner_base_share"],
                         "ratio": e["early_winner_share"] / e["early_winner_base_share"],
                         "wealth_gini": num(r["wealth_gini"]), "top1_share": num(r["top1_share"]),
                         "compute_hhi": num(r["entrenchment.compute_hhi"]), "efficiency": num(r["gpu.efficiency"]),
                         "mean_persistence": num(r["entrenchment.mean_persistence"]),
                         "stock_gini": num(r["capability.stock_gini"])})
    keys = ["sweep", "feeds", "lever", "setting", "feedback", "seed", "early_winner_share", "early_winner_base_share",
            "ratio", "wealth_gini", "top1_share", "compute_hhi", "efficiency", "mean_persistence", "stock_gini"]
    base.write(os.path.join(out, "runs-levers.csv"), keys, [[r[k] for k in keys] for r in runs])
    table = []
    for (sweep, feeds, lever, setting, f), rs in points(runs, ["sweep", "feeds", "lever", "setting",
                                                                "feedback"]).items():
        row = [sweep, feeds, lever, setting, f]
        for m in keys[6:]:
            row += level([r[m] for r in rs], m not in ("ratio",))
        table.append(row + [len(rs)])
    base.write(os.path.join(out, "levers-points.csv"), ["sweep", "feeds", "lever", "setting", "feedback"]
               + [m + "." + x for m in keys[6:] for x in ("mean", "ci95_low", "ci95_high")] + ["seeds"], table)
    print("levers: %d runs" % len(runs))


if __name__ == "__main__":
    sweeps_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for sweep in ("compounding-missions", "compounding-missions-sensitivity"):
        missions(sweeps_dir, out_dir, sweep)
    for sweep in ("compounding-entry", "compounding-entry-sensitivity"):
        entry(sweeps_dir, out_dir, sweep)
    levers(sweeps_dir, out_dir)
