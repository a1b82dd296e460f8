#!/usr/bin/env python3
"""Agent-currency experiment (docs/experiments/agent-currency.md): per-run welfare on both sides of the boundary,
and paired comparisons of the currency regimes, from the sweeps' run directories.

    python3 docs/results/agent-currency/analyse.py SWEEPS_DIR > docs/results/agent-currency/analysis.json

SWEEPS_DIR holds the sweep directories none/, pegged/, floating/, depth/, shock-pegged/ and shock-floating/
(vaesim sweep configs/sweeps/agent-currency-<name>.json --out SWEEPS_DIR/<name>). Standard library only. Intervals: mean +- t(0.975, n-1) s / sqrt(n) over seeds; a paired
comparison takes the difference seed by seed (the same seed draws the same agents in every regime)."""
import csv
import json
import math
import os
import sys

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 19: 2.093, 29: 2.045}
INSIDE = ("value", "hft")  # the agents who hold agent currency inside; "offshore" are the fund's brokers
START_PRICE = 20.0


def cap_name(v):
    """A cap as results.csv writes it; no cap (null) is "none"."""
    return "none" if v in ("", "null") else v


def interval(xs):
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return {"mean": m, "ci95": [m, m], "n": n}
    s = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = T975[n - 1] * s / math.sqrt(n)
    return {"mean": m, "ci95": [m - h, m + h], "n": n}


def run_metrics(summary_path, scenario):
    s = json.load(open(summary_path))
    g = s["gateway"]
    e = g["exposure"]
    parties = {p["kind"] if p["kind"] != "broker_principal" else "fund": p["pnl"] for p in e["parties"]}
    cohorts = {c["name"]: c for c in s["cohorts"]}
    endow = {c["name"]: c.get("cash", 0) + c.get("inventory", 0) * START_PRICE for c in scenario["population"]}
    inside = sum(cohorts[n]["mean_wealth"] * cohorts[n]["agents"] - endow[n] * cohorts[n]["agents"] for n in INSIDE)
    rate = g["rate"]["final"]
    m = s["markets"][0]
    return {
        "internal_max_drawdown": m["max_drawdown"],
        "last_price": m["last_price"],
        "inside_wealth_change_ac": inside,
        "inside_wealth_change_em": inside * rate,
        "rate_final": rate,
        "imported": g["markets"][0]["imported"],
        "exported": g["markets"][0]["exported"],
        "agent_currency_out": g["flows"]["agent_currency_out"],
        "agent_currency_in": g["flows"]["agent_currency_in"],
        "holders_exposure": e["exposure"],
        "holders_peak_exposure": e["peak_exposure"],
        "external_market_pnl": parties["external_market"],
        "fund_pnl": parties["fund"],
        "fees": parties["fee_account"],
        "exposure_all_parties": e["all_parties"],
        "external_side_pnl": e["external_side_pnl"],
    }


def load(sweep_dir, param):
    """{param value: {seed: metrics}} for one sweep directory."""
    out = {}
    with open(os.path.join(sweep_dir, "results.csv")) as f:
        for row in csv.DictReader(f):
            point = int(row["point"])
            seed = int(row["seed"])
            run = os.path.join(sweep_dir, "points", "p%04d-s%d" % (point, seed))
            scenario = json.load(open(os.path.join(sweep_dir, "scenarios", "p%04d.json" % point)))
            key = tuple(row[p] for p in param)
            out.setdefault(key, {})[seed] = run_metrics(os.path.join(run, "summary.json"), scenario)
    return out


def main(root):
    caps = ["gateway.cap_per_epoch"]
    regimes = {r: load(os.path.join(root, r), caps) for r in ("none", "pegged", "floating")}
    result = {"regimes": {}, "paired": {}, "depth": {}, "raw": {}}
    metrics = list(next(iter(next(iter(regimes["none"].values())).values())).keys())
    for r, by_cap in regimes.items():
        result["regimes"][r] = {}
        result["raw"][r] = {}
        for cap, by_seed in by_cap.items():
            c = cap_name(cap[0])
            result["regimes"][r][c] = {k: interval([v[k] for v in by_seed.values()]) for k in metrics}
            result["raw"][r][c] = {str(seed): v for seed, v in sorted(by_seed.items())}
    for a, b in (("pegged", "none"), ("floating", "pegged"), ("floating", "none")):
        name = a + " - " + b
        result["paired"][name] = {}
        for cap in regimes[a]:
            seeds = sorted(set(regimes[a][cap]) & set(regimes[b][cap]))
            c = cap_name(cap[0])
            result["paired"][name][c] = {k: interval([regimes[a][cap][s][k] - regimes[b][cap][s][k] for s in seeds])
                                         for k in metrics}
    depth_dir = os.path.join(root, "depth")
    if os.path.isdir(depth_dir):
        depth = load(depth_dir, ["gateway.rate.depth", "gateway.cap_per_epoch"])
        for key, by_seed in depth.items():
            result["depth"]["depth=%s cap=%s" % (key[0], cap_name(key[1]))] = {
                k: interval([v[k] for v in by_seed.values()]) for k in metrics}
    shocks = {}
    for r in ("pegged", "floating"):
        d = os.path.join(root, "shock-" + r)
        if os.path.isfile(os.path.join(d, "results.csv")):
            shocks[r] = load(d, ["events[0].percent", "gateway.cap_per_epoch"])
    if len(shocks) == 2:
        result["shock"] = {}
        for key in shocks["pegged"]:
            name = "shock=%s%% cap=%s" % (key[0], cap_name(key[1]))
            seeds = sorted(set(shocks["pegged"][key]) & set(shocks["floating"][key]))
            result["shock"][name] = {
                r: {k: interval([shocks[r][key][s][k] for s in seeds]) for k in metrics} for r in shocks}
            result["shock"][name]["floating - pegged"] = {
                k: interval([shocks["floating"][key][s][k] - shocks["pegged"][key][s][k] for s in seeds])
                for k in metrics}
    json.dump(result, sys.stdout, indent=1, sort_keys=False)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
