#!/usr/bin/env python3
"""The venue-routing experiment (docs/experiments/venue-routing.md): runs every configs/venue-routing/*.json for
seeds 1..10, one run at a time, and summarises each run's two venues from its metrics.csv and routing.csv.

    python3 docs/results/venue-routing/experiment.py run /tmp/q-route/vr     # the runs (about 10 minutes)
    python3 docs/results/venue-routing/experiment.py summarise /tmp/q-route/vr
    python3 docs/results/venue-routing/experiment.py summary   # summary.json again from the committed runs.csv

`summarise` writes runs.csv (one row per configuration and seed, with its state checksum), paths.csv.gz (each run's
prices, volumes and routers on a, per epoch) and summary.json (means with two-sided 95% intervals over the seeds, and
paired differences routing on - off by seed) beside this script; `summary` needs only runs.csv, since the run folders
are not kept. Intervals are Student-t, except for metrics bounded by their definition (BOUNDS): a 0/1 outcome gets
Wilson's score interval of its count, a share the Student-t interval on the logit scale and a metric that cannot be
negative the one on the log scale, mapped back (the quadrants-factorial analysis's functions, imported), so that no
interval leaves its bounds. Paired differences are Student-t.
"""
import csv
import gzip
import importlib.util
import json
import math
import pathlib
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
# bounded_interval and wilson of the quadrants-factorial analysis (one definition of the transformed intervals)
_spec = importlib.util.spec_from_file_location("quadrants_analyze", HERE.parent / "quadrants-factorial" / "analyze.py")
qa = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qa)
CONFIGS = pathlib.Path("configs/venue-routing")
SEEDS = range(1, 11)
START = 100          # the sell algorithm's first epoch
PRE = 20             # epochs before it whose mean last price is the pre-crash level
# t quantiles (0.975) by degrees of freedom
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        19: 2.093, 29: 2.045}


def run(out):
    for config in sorted(CONFIGS.glob("*.json")):
        for seed in SEEDS:
            d = out / config.stem / ("s%02d" % seed)
            if (d / "summary.json").exists():
                continue
            subprocess.run(["./vaesim", "run", str(config), "--seed", str(seed), "--out", str(d), "--force",
                            "--no-parquet", "--quiet", "--threads", "1"], check=True)


def venue(rows, m):
    """Crash figures of market m from metrics.csv rows (row k: after k epochs; the algorithm trades from row 101)."""
    price = {int(r["epoch"]): float(r[m + ".price"]) for r in rows}
    pre = statistics.mean(price[e] for e in range(START - PRE + 1, START + 1))
    after = [e for e in sorted(price) if e > START]
    trough_epoch = min(after, key=lambda e: (price[e], e))
    trough = price[trough_epoch]
    fall = pre - trough
    half = next((e - trough_epoch for e in after if e >= trough_epoch and price[e] >= pre - fall / 2), None)
    full = next((e - trough_epoch for e in after if e >= trough_epoch and price[e] >= pre), None)
    peak = max(price[e] for e in after)
    return {"pre": pre, "depth": fall / pre, "rise": (peak - pre) / pre, "epochs_to_trough": trough_epoch - START,
            "half_recovery": half, "full_recovery": full,
            "volume": sum(float(r[m + ".volume"]) for r in rows if int(r["epoch"]) > START)}


def measure(d):
    rows = list(csv.DictReader(open(d / "metrics.csv")))
    a, b = venue(rows, "a"), venue(rows, "b")
    gaps = [abs(float(r["a.price"]) - float(r["b.price"])) / float(r["b.price"])
            for r in rows if int(r["epoch"]) > START]
    gaps_pre = [abs(float(r["a.price"]) - float(r["b.price"])) / float(r["b.price"])
                for r in rows if int(r["epoch"]) <= START]
    s = json.load(open(d / "summary.json"))
    out = {"a_depth": a["depth"], "b_depth": b["depth"], "b_rise": b["rise"],
           "a_epochs_to_trough": a["epochs_to_trough"],
           "a_half_recovery": a["half_recovery"], "a_recovered": 1 if a["full_recovery"] is not None else 0,
           "a_volume": a["volume"], "b_volume": b["volume"],
           "mean_gap": statistics.mean(gaps), "max_gap": max(gaps), "mean_gap_pre": statistics.mean(gaps_pre),
           "conserved": 1 if s["conservation"]["all_conserved"] else 0,
           "state_checksum": s["state_checksum"],
           "breaker_trips": sum(m.get("breaker_trips", 0) for m in s["markets"])}
    routing = d / "routing.csv"
    if routing.exists():
        at_a = {int(r["epoch"]): int(r["routing_agents"]) for r in csv.DictReader(open(routing))
                if r["market"] == "a"}
        total = sum(int(r["routing_agents"]) for r in csv.DictReader(open(routing)) if r["epoch"] == "1")
        # the routers' share on a: after the start, before it, and in the crash's first 50 epochs
        out["routed_share"] = statistics.mean(n for e, n in at_a.items() if e > START) / total
        out["routed_share_pre"] = statistics.mean(n for e, n in at_a.items() if e <= START) / total
        out["routed_share_crash"] = statistics.mean(n for e, n in at_a.items() if START < e <= START + 50) / total
        out["moves"] = sum(g["moves"] for g in s["routing"]["groups"])
    return out


def paths(d):
    """The run's two price paths, volumes and routers on a, per epoch (paths.csv.gz)."""
    at_a = {}
    if (d / "routing.csv").exists():
        at_a = {int(r["epoch"]): r["routing_agents"] for r in csv.DictReader(open(d / "routing.csv"))
                if r["market"] == "a"}
    for r in csv.DictReader(open(d / "metrics.csv")):
        e = int(r["epoch"])
        yield [e, r["a.price"], r["b.price"], r["a.volume"], r["b.volume"], at_a.get(e, "")]


# Metrics that cannot leave a range by their definition. Not bounded: depths and rises (negative where the price never
# went below, or above, its pre-crash level) and every paired difference.
BINARY = {"a_recovered", "conserved"}
BOUNDS = {"routed_share": qa.UNIT, "routed_share_pre": qa.UNIT, "routed_share_crash": qa.UNIT}
BOUNDS.update({k: qa.NONNEGATIVE for k in ("a_half_recovery", "a_epochs_to_trough", "a_volume", "b_volume",
                                           "breaker_trips", "moves", "mean_gap", "max_gap", "mean_gap_pre")})


def interval(xs, metric=None):
    """Mean and 95% interval: Wilson's for a 0/1 metric (BINARY), the transformed Student-t interval for one with
    BOUNDS, Student-t otherwise."""
    xs = [x for x in xs if x is not None and not isinstance(x, str)]
    if not xs:
        return None
    m = statistics.mean(xs)
    if metric in BINARY:
        low, high = qa.wilson(sum(xs), len(xs))
        return {"mean": m, "low": low, "high": high, "n": len(xs)}
    if len(xs) < 2:
        return {"mean": m, "n": len(xs)}
    h = T975[len(xs) - 1] * statistics.stdev(xs) / math.sqrt(len(xs))
    if metric in BOUNDS:
        _, low, high = qa.bounded_interval(xs, m, h, BOUNDS[metric])
        return {"mean": m, "low": low, "high": high, "n": len(xs)}
    return {"mean": m, "low": m - h, "high": m + h, "n": len(xs)}


def read_runs():
    """The committed runs.csv as summarise wrote it: numbers as numbers, an empty cell (no figure) as None."""
    def value(k, v):
        if k in ("config", "state_checksum"):
            return v
        if v == "":
            return None
        return float(v) if any(c in v for c in ".en") else int(v)  # counts were written as integers
    return [{k: value(k, v) for k, v in r.items()} for r in csv.DictReader(open(HERE / "runs.csv"))]


def summarise(out):
    table = []
    with gzip.open(HERE / "paths.csv.gz", "wt", newline="") as g:
        w = csv.writer(g)
        w.writerow(["config", "seed", "epoch", "a_price", "b_price", "a_volume", "b_volume", "routers_on_a"])
        for d in sorted(out.iterdir()):
            for run_dir in sorted(d.iterdir()):
                row = {"config": d.name, "seed": int(run_dir.name[1:])}
                row.update(measure(run_dir))
                table.append(row)
                for p in paths(run_dir):
                    w.writerow([d.name, row["seed"]] + p)
    keys = sorted({k for r in table for k in r} - {"config", "seed"})
    with open(HERE / "runs.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["config", "seed"] + keys)
        w.writeheader()
        w.writerows(table)
    summary(table)


def summary(table):
    """summary.json from the runs' figures: each configuration's means and intervals, and the paired differences."""
    keys = sorted({k for r in table for k in r} - {"config", "seed"})
    configs = sorted({r["config"] for r in table})
    result = {"configs": {}, "paired_on_minus_off": {}}
    for c in configs:
        rows = [r for r in table if r["config"] == c]
        result["configs"][c] = {k: interval([r.get(k) for r in rows], k) for k in keys if k != "state_checksum"}
    pairs = [("on", "off"), ("on-breaker", "off-breaker"), ("on-routers-400", "off-routers-400"),
             ("on-routers-1600", "off-routers-1600"), ("off-breaker", "off"), ("on-breaker", "on")]
    for on, off in pairs:
        by_seed = {r["seed"]: r for r in table if r["config"] == off}
        diffs = {}
        for k in ("a_depth", "b_depth", "b_rise", "mean_gap", "max_gap", "a_volume", "b_volume"):
            d = [r[k] - by_seed[r["seed"]][k] for r in table if r["config"] == on and r["seed"] in by_seed]
            diffs[k] = interval(d)
            diffs[k]["lower_in"] = sum(1 for x in d if x < 0)
        result["paired_on_minus_off"][on + " - " + off] = diffs
    (HERE / "summary.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "summary":
        summary(read_runs())
    else:
        target = pathlib.Path(sys.argv[2])
        if sys.argv[1] == "run":
            run(target)
        summarise(target)
