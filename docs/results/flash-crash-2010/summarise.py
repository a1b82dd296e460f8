#!/usr/bin/env python3
"""Issue 15 (M.3) tables of the 2010 crash on the realistic market from `vaesim sweep` outputs; standard library only.

    python3 docs/results/flash-crash-2010/summarise.py [DIR ...] > docs/results/flash-crash-2010/realistic-tables.md

Each DIR (default: every realistic* folder beside this script) holds a sweep's results.csv, one row per run with the
crash columns vaesim writes from summary.json (docs/sweeps.md). Per point of each sweep it prints:
  - depth below the pre-crash level, epochs to the trough: mean and two-sided 95% Student-t interval;
  - the share of runs that took off (peak volume at least 10 times the pre-crash mean) with its Wilson interval;
  - half and full recovery: in how many runs the price got back, and the mean epochs (with interval) over those runs
    only, since a run that never got back has no time to average (the censored runs are counted, not guessed);
  - the depth over the runs that took off and over the others;
  - breaker trips and volatility pauses per run;
  - where the sweep, or its partner sweep (PARTNERS), has the no-seller control (target_qty 1) at the same other
    parameters: the paired depth difference, seed by seed (mean, interval, in how many seeds the program fell deeper);
  - for a safety layer's sweep: the depth minus that of the same seed and program without the layer (the sweep
    "realistic"), with in how many seeds it was shallower and deeper.
"""
import csv
import glob
import json
import math
import os
import sys

T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
Z95 = 1.959963984540054
TARGET = "population[seller].params.target_qty"
# Parameters that do not change the control's run: a program of 1 unit sells it in its first epoch at any
# participation (it sends max(1, floor(participation x volume)) units).
SAME_CONTROL = {"population[seller].params.participation"}
# The other sweeps' seeds: the main sweep is also summarised over these, seeds 1 to N.
SUBSETS = [10, 20]
# Sweeps of a safety layer, compared seed by seed with the same run without it (the sweep "realistic").
WITHOUT_SAFETY = {"realistic-safety", "realistic-safety-tight"}
# Sweeps whose no-seller controls are in another sweep of the same scenario.
PARTNERS = {"realistic-participation": ["realistic"], "realistic-hfts": ["realistic-hfts-control"],
            "realistic-band": ["realistic-band-control"]}


def interval(x):
    """Mean and Student-t 95% interval, as vaesim's summary.csv; None where there is no value."""
    n = len(x)
    if n == 0:
        return None
    m = sum(x) / n
    if n == 1:
        return (m, math.nan, math.nan)
    s = math.sqrt(sum((v - m) ** 2 for v in x) / (n - 1))
    half = (T975[n - 2] if n - 1 <= len(T975) else 1.96) * s / math.sqrt(n)
    return (m, m - half, m + half)


def wilson(k, n):
    """Wilson score interval of k of n, as vaesim's summary.csv for shares of runs."""
    p, z2 = k / n, Z95 ** 2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (p, max(0.0, centre - half), min(1.0, centre + half))


def show(ci, scale=1.0, digits=1):
    if ci is None:
        return "–"
    m, lo, hi = (v * scale for v in ci)
    if math.isnan(lo):
        return f"{m:.{digits}f}"
    return f"{m:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


def number(cell):
    return float(cell) if cell != "" else math.nan


def label(params):
    parts = []
    for k, v in params.items():
        if k == "safety":
            s = json.loads(v)
            b = s.get("circuit_breaker", {}).get("markets", {}).get("asset")
            p = s.get("volatility_pause", {}).get("move_percent")
            parts.append(" + ".join(([f"breakers {b}%"] if b else []) + ([f"pause {p}% in 5"] if p else [])))
        else:
            parts.append(f"{k.split('.')[-1].replace('population[', '').replace(']', '')} = {v}")
    return ", ".join(parts)


def read(directory):
    """The runs of a sweep's results.csv, each with its parameter names under _params."""
    rows = list(csv.DictReader(open(os.path.join(directory, "results.csv"), newline="")))
    head = list(rows[0].keys())
    for r in rows:
        r["_params"] = head[2:head.index("state_checksum")]
    return rows


def key(params):
    """The parameters that decide the control's run: all but the program's size and those it ignores."""
    return tuple(sorted((k, v) for k, v in params.items() if k != TARGET and k not in SAME_CONTROL))


def summarise(directory, pool, without=None, seeds_max=None):
    """Per point: the figures above; pool holds the runs its no-seller controls may come from, without (or None)
    the runs without the safety layer; seeds_max (or None) keeps the seeds up to it."""
    every = read(directory)
    rows = [r for r in every if seeds_max is None or int(r["seed"]) <= seeds_max]
    params = rows[0]["_params"]
    pool = every + pool
    points = {}
    for r in rows:
        points.setdefault(r["point"], []).append(r)
    out = []
    for point, runs in points.items():
        p = {k: runs[0][k] for k in params}
        depth = [number(r["asset.crash_depth"]) for r in runs]
        took = [number(r["asset.crash_took_off"]) == 1 for r in runs]
        half = [number(r["asset.crash_half_recovery"]) for r in runs]
        full = [number(r["asset.crash_full_recovery"]) for r in runs]
        n = len(runs)
        entry = {
            "point": int(point), "parameters": p, "runs": n,
            "label": label(p) + (f", seeds 1-{seeds_max}" if seeds_max else ""),
            "seeds": sorted(int(r["seed"]) for r in runs),
            "depth": interval(depth),
            "took_off": {"runs": sum(took), "share": wilson(sum(took), n)},
            "epochs_to_trough": interval([number(r["asset.crash_epochs_to_trough"]) for r in runs]),
            "half_recovery": {"runs": sum(not math.isnan(v) for v in half),
                              "epochs": interval([v for v in half if not math.isnan(v)])},
            "full_recovery": {"runs": sum(not math.isnan(v) for v in full),
                              "epochs": interval([v for v in full if not math.isnan(v)])},
            "depth_took_off": interval([d for d, t in zip(depth, took) if t]),
            "depth_not_took_off": interval([d for d, t in zip(depth, took) if not t]),
            "breaker_trips": interval([number(r["breaker_trips"]) for r in runs]),
            "volatility_pauses": interval([number(r.get("volatility_pauses", "")) for r in runs]),
        }
        if p.get(TARGET) != "1":
            own = key(p)
            control = {r["seed"]: number(r["asset.crash_depth"]) for r in pool
                       if r.get(TARGET) == "1" and key({k: v for k, v in r.items() if k in r["_params"]}) == own}
            diff = [number(r["asset.crash_depth"]) - control[r["seed"]] for r in runs if r["seed"] in control]
            if diff:
                entry["paired_depth_difference"] = {"seeds": len(diff), "difference": interval(diff),
                                                    "deeper": sum(d > 0 for d in diff)}
        if without is not None:
            same = {r["seed"]: number(r["asset.crash_depth"]) for r in without if r[TARGET] == p[TARGET]}
            diff = [number(r["asset.crash_depth"]) - same[r["seed"]] for r in runs if r["seed"] in same]
            entry["depth_difference_from_no_safety"] = {"seeds": len(diff), "difference": interval(diff),
                                                        "shallower": sum(d < 0 for d in diff),
                                                        "deeper": sum(d > 0 for d in diff)}
        out.append(entry)
    return out


def table(name, entries):
    print(f"### {name}\n")
    print("| point | runs | depth, % | took off | epochs to trough | half recovery: runs, epochs | full recovery:"
          " runs, epochs | depth if took off / not, % | trips / pauses per run | paired depth difference, points |"
          " against no safety layer, points |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for e in entries:
        t = e["took_off"]
        pair = e.get("paired_depth_difference")
        safe = e.get("depth_difference_from_no_safety")
        print(f"| {e['label']} | {e['runs']} | {show(e['depth'], 100, 2)} | {t['runs']} of {e['runs']},"
              f" {show(t['share'], 100, 0)}% | {show(e['epochs_to_trough'])} |"
              f" {e['half_recovery']['runs']}: {show(e['half_recovery']['epochs'])} |"
              f" {e['full_recovery']['runs']}: {show(e['full_recovery']['epochs'])} |"
              f" {show(e['depth_took_off'], 100, 1)} / {show(e['depth_not_took_off'], 100, 1)} |"
              f" {show(e['breaker_trips'])} / {show(e['volatility_pauses'])} |"
              + (f" {show(pair['difference'], 100, 2)} ({pair['deeper']} of {pair['seeds']} deeper) |" if pair
                 else " |")
              + (f" {show(safe['difference'], 100, 2)} ({safe['shallower']} shallower, {safe['deeper']} deeper) |"
                 if safe else " |"))
    print()


def clean(x):
    """x with every NaN (an interval of one run) as None, so that the file is strict JSON."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return None if isinstance(x, float) and math.isnan(x) else x


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = sys.argv[1:] or sorted(d for d in glob.glob(os.path.join(here, "realistic*")) if os.path.isdir(d))
    everything = {}
    print("<!-- written by docs/results/flash-crash-2010/summarise.py from the results.csv beside it -->\n")
    for d in dirs:
        name = os.path.basename(os.path.normpath(d))
        parent = os.path.dirname(os.path.normpath(d))
        pool = [r for p in PARTNERS.get(name, []) if os.path.isdir(os.path.join(parent, p))
                for r in read(os.path.join(parent, p))]
        plain = os.path.join(parent, "realistic")
        without = read(plain) if name in WITHOUT_SAFETY and os.path.isdir(plain) else None
        everything[name] = summarise(d, pool, without)
        table(name, everything[name])
        if name == "realistic":  # the main sweep over the seeds of the others, to compare like with like
            for n in SUBSETS:
                everything[f"{name}-seeds-1-{n}"] = summarise(d, pool, None, n)
                table(f"{name}, seeds 1-{n}", everything[f"{name}-seeds-1-{n}"])
    with open(os.path.join(here, "realistic-tables.json"), "w") as f:
        json.dump(clean(everything), f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
