#!/usr/bin/env python3
"""Tables for docs/experiments/coordination-costs.md and micro-markets.md from vaesim sweep directories.

Usage:
  analyse.py extract SWEEP_DIR OUT.csv        one row per run: point, seed, the point's parameters, state checksum,
                                               every service's coordination metrics (service.metric) from summary.json
  analyse.py protocols RAW.csv OUT.json       means and 95% Student-t intervals per protocol, paired differences by seed
  analyse.py rankings RAW.csv OUT.json        per sampled point: protocols ranked by transaction-cost share; how often
                                               each ranking holds, and the points where it switches
  analyse.py paired TREAT.csv CONTROL.csv OUT.json [GROUP]
                                               paired by seed (and GROUP column): treatment - control per service
  analyse.py threshold RAW.csv OUT.json        the threshold sweep: per upkeep and threshold, labelling's net surplus
                                               minus the same seed's run whose labelling market never opens
Only the standard library, numpy and scipy.
"""
import csv
import json
import math
import os
import sys

import numpy as np
from scipy import stats

METRICS = ["need", "trades", "efficient_trades", "gross_surplus", "max_surplus", "efficiency", "search_cost", "fees",
           "missed_surplus", "transaction_cost", "transaction_cost_share", "net_surplus", "contacts", "failed_trades",
           "failed_per_trade", "priced_out", "mean_time_to_allocate", "overpaying_buyers", "mean_price",
           "opened_epoch", "auction_epochs"]


def flatten(prefix, node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            flatten(prefix + "." + k if prefix else k, v, out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            key = v.get("name", str(i)) if isinstance(v, dict) else str(i)
            flatten(prefix + "[" + key + "]", v, out)
    else:
        out[prefix] = node


def extract(sweep, out_csv):
    base = None
    scenarios = {}
    for f in sorted(os.listdir(os.path.join(sweep, "scenarios"))):
        flat = {}
        flatten("", json.load(open(os.path.join(sweep, "scenarios", f))), flat)
        scenarios[f[1:5]] = flat
        base = flat if base is None else base
    varying = sorted({k for flat in scenarios.values() for k in flat if any(
        s.get(k) != flat.get(k) for s in scenarios.values())})
    rows = []
    for d in sorted(os.listdir(os.path.join(sweep, "points"))):
        point, seed = d[1:5], int(d.split("-s")[1])
        s = json.load(open(os.path.join(sweep, "points", d, "summary.json")))
        if s["status"] != "complete" or not s["conservation"]["all_conserved"]:
            raise SystemExit(d + ": not complete or not conserved")
        row = {"point": int(point), "seed": seed}
        for k in varying:
            row[k] = scenarios[point].get(k)
        row["state_checksum"] = s["state_checksum"]
        for svc in s["coordination"]["services"]:
            for m in METRICS:
                row[svc["name"] + "." + m] = svc.get(m)
            row[svc["name"] + ".protocol_at_end"] = svc["protocol"]
        rows.append(row)
    rows.sort(key=lambda r: (r["point"], r["seed"]))
    with open(out_csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print(out_csv + ": " + str(len(rows)) + " runs; varying " + ", ".join(varying))


def read(raw):
    with open(raw) as f:
        return list(csv.DictReader(f))


def num(v):
    return None if v in ("", None, "None") else float(v)


def interval(values):
    a = np.array([v for v in values if v is not None], dtype=float)
    n = len(a)
    if n == 0:
        return {"n": 0}
    mean = float(a.mean())
    if n < 2:
        return {"n": n, "mean": mean}
    half = float(stats.t.ppf(0.975, n - 1) * a.std(ddof=1) / math.sqrt(n))
    return {"n": n, "mean": mean, "ci95_low": mean - half, "ci95_high": mean + half, "sd": float(a.std(ddof=1)),
            "min": float(a.min()), "max": float(a.max())}


PROTOCOL = "stages.coordination.protocol"


def protocols(raw, out_json, service="agent-time"):
    rows = read(raw)
    by = {}
    for r in rows:
        by.setdefault(r[PROTOCOL], {})[int(r["seed"])] = r
    result = {"source": raw, "service": service, "per_protocol": {}, "paired_differences": {}}
    for p, runs in by.items():
        result["per_protocol"][p] = {m: interval([num(r[service + "." + m]) for r in runs.values()])
                                     for m in METRICS if m not in ("opened_epoch", "auction_epochs")}
    names = list(by)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            seeds = sorted(set(by[a]) & set(by[b]))
            result["paired_differences"][a + " - " + b] = {
                m: interval([num(by[a][s][service + "." + m]) - num(by[b][s][service + "." + m]) for s in seeds])
                for m in ("transaction_cost_share", "net_surplus", "efficiency", "mean_time_to_allocate")}
    json.dump(result, open(out_json, "w"), indent=1)
    for p, r in result["per_protocol"].items():
        print(p, {m: round(r[m]["mean"], 4) for m in ("transaction_cost_share", "efficiency", "net_surplus")})


def rankings(raw, out_json, service="agent-time"):
    rows = read(raw)
    params = [k for k in rows[0] if k not in ("point", "seed", "state_checksum", PROTOCOL)
              and not k.startswith(service + ".")]
    points = {}
    for r in rows:
        protocol_free = tuple(r[k] for k in params)
        points.setdefault(protocol_free, {}).setdefault(r[PROTOCOL], []).append(
            num(r[service + ".transaction_cost_share"]))
    table = []
    counts = {}
    for key, by in points.items():
        means = {p: float(np.mean(v)) for p, v in by.items()}
        order = sorted(means, key=lambda p: means[p])
        # per seed: is the ranking the same in every seed of the point?
        seeds = min(len(v) for v in by.values())
        stable = all(sorted(by, key=lambda p: by[p][k]) == order for k in range(seeds))
        ranking = " < ".join(order)
        counts[ranking] = counts.get(ranking, 0) + 1
        table.append({"parameters": dict(zip(params, key)), "transaction_cost_share": means, "ranking": ranking,
                      "same_ranking_in_every_seed": stable, "per_seed": by})
    result = {"source": raw, "points": len(table), "rankings": counts, "table": table}
    json.dump(result, open(out_json, "w"), indent=1)
    print(json.dumps(counts, indent=1))


def paired(treat, control, out_json, group=None):
    t, c = read(treat), read(control)
    key = (lambda r: (r[group], int(r["seed"]))) if group else (lambda r: int(r["seed"]))
    cm = {key(r): r for r in c}
    services = sorted({k.split(".")[0] for k in t[0] if k.endswith(".net_surplus")})
    result = {"treatment": treat, "control": control, "services": {}}
    groups = sorted({r[group] for r in t}, key=float) if group else [None]
    for g in groups:
        for svc in services + ["all"]:
            diffs = {"net_surplus": [], "gross_surplus": [], "transaction_cost": [], "search_cost": [], "fees": []}
            opened = []
            checks = []
            for r in t:
                if group and r[group] != g:
                    continue
                o = cm[key(r)]
                names = services if svc == "all" else [svc]
                for m in diffs:
                    diffs[m].append(sum(num(r[n + "." + m]) - num(o[n + "." + m]) for n in names))
                checks.append(all(r[n + ".max_surplus"] == o[n + ".max_surplus"] for n in names))
                if svc != "all":
                    opened.append(num(r[svc + ".opened_epoch"]))
            entry = {m: interval(v) for m, v in diffs.items()}
            entry["same_benchmark_in_every_pair"] = all(checks)
            if svc != "all":
                entry["opened_epoch"] = interval(opened)
                entry["opened_in_runs"] = sum(1 for x in opened if x is not None)
            result["services"][(g + ":" if g else "") + svc] = entry
    json.dump(result, open(out_json, "w"), indent=1)
    for k, v in result["services"].items():
        ns = v["net_surplus"]
        print(k, round(ns["mean"], 1), [round(ns.get("ci95_low", float("nan")), 1),
                                         round(ns.get("ci95_high", float("nan")), 1)],
              "opened", v.get("opened_in_runs"), v.get("opened_epoch", {}).get("mean"))


def threshold(raw, out_json, service="labelling"):
    """Per upkeep and threshold: the service's net surplus minus the same seed's run at threshold 0 (never opens)."""
    rows = read(raw)
    th = "stages.coordination.services[" + service + "].dormant.open_below"
    up = "stages.coordination.upkeep"
    control = {(r[up], int(r["seed"])): r for r in rows if float(r[th]) == 0}
    result = {"source": raw, "service": service, "cells": []}
    for u in sorted({r[up] for r in rows}, key=float):
        for t in sorted({r[th] for r in rows}, key=float):
            cell = [r for r in rows if r[up] == u and r[th] == t]
            pairs = [(r, control[(u, int(r["seed"]))]) for r in cell]
            entry = {"upkeep": float(u), "open_below": float(t),
                     "net_surplus_added": interval([num(r[service + ".net_surplus"]) - num(c[service + ".net_surplus"])
                                                    for r, c in pairs]),
                     "opened_in_runs": sum(1 for r in cell if num(r[service + ".opened_epoch"]) is not None),
                     "opened_epoch": interval([num(r[service + ".opened_epoch"]) for r in cell]),
                     "same_benchmark_in_every_pair": all(r[service + ".max_surplus"] == c[service + ".max_surplus"]
                                                         for r, c in pairs)}
            result["cells"].append(entry)
            a = entry["net_surplus_added"]
            print("upkeep", u, "open_below", t, "added", round(a["mean"], 1),
                  [round(a.get("ci95_low", 0), 1), round(a.get("ci95_high", 0), 1)], "opened",
                  entry["opened_in_runs"], entry["opened_epoch"].get("mean"))
    json.dump(result, open(out_json, "w"), indent=1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"extract": extract, "protocols": protocols, "rankings": rankings, "paired": paired,
     "threshold": threshold}[cmd](*sys.argv[2:])
