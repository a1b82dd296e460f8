#!/usr/bin/env python3
"""Issue 18 (Q.5) tables of the negotiation experiment's sweeps, from `vaesim sweep` outputs; standard library.

    python3 docs/results/negotiation-capability/summarise.py SWEEP_DIR [SWEEP_DIR ...]

For each point of each sweep it reads the point's scenario (scenarios/pNNNN.json) and every seed's summary.json
(cohorts[0].tiers: each tier's power, agents and mean cash), and prints as Markdown: the parameters, the gap in mean
cash between the highest and the lowest tier per seed, its mean with a two-sided 95% Student-t interval, the share
of seeds whose tiers' cash rises strictly with power, and the gap the bargaining rule predicts when no budget binds:

    pairs trade when value v > cost c (v, c uniform on the same tick grid, N + 1 points over a width w), the seller
    takes k = its power / both powers of the surplus, and a coin makes an agent the buyer, so an agent of power p
    facing one of power q gains on average (E[(v - c)+] / 2) (p - q) / (p + q) an epoch, with
    E[(v - c)+] = w (N + 2) / (6 (N + 1)) (w / 6 for a continuous draw). Averaged over its partners' tiers (the
    measured tier sizes) and multiplied by the epochs, the difference between the top and the bottom tier is the
    predicted gap. A buyer without the cash for the price does not trade, which this prediction ignores: the ratio
    measured / predicted shows where budgets bind.
"""
import json
import math
import os
import sys

T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def interval(x):
    n = len(x)
    m = sum(x) / n
    if n < 2:
        return m, float("nan")
    s = math.sqrt(sum((v - m) ** 2 for v in x) / (n - 1))
    return m, T975[n - 2] * s / math.sqrt(n)


def predicted_gap(tiers, params, tick, epochs):
    """The bargaining rule's expected gap between the top and the bottom tier after `epochs`, no budget binding."""
    lo = round(params["value_min"] / tick)
    hi = round(params["value_max"] / tick)
    n = hi - lo
    surplus = (n * tick) * (n + 2) / (6 * (n + 1))
    total = sum(t["agents"] for t in tiers)

    def drift(p):
        return surplus / 2 * sum(t["agents"] / total * (p - t["power"]) / (p + t["power"]) for t in tiers)

    held = [t for t in tiers if t["agents"] > 0]
    return epochs * (drift(held[-1]["power"]) - drift(held[0]["power"]))


def summarise(directory):
    points = {}
    for run in sorted(os.listdir(directory + "/points")):
        if not run.startswith("p"):
            continue
        point, seed = run[1:].split("-s")
        s = json.load(open(directory + "/points/" + run + "/summary.json"))
        if s.get("status") != "complete":
            continue
        points.setdefault(int(point), []).append((int(seed), s))
    print("### " + directory.rstrip("/").split("/")[-1])
    print()
    print("| point | agents | tiers | spread | cash | value range | epochs | gap per seed | gap, mean +- 95% "
          "| seeds ordered | predicted gap | measured / predicted |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for point in sorted(points):
        sc = json.load(open(directory + "/scenarios/p%04d.json" % point))
        cohort = sc["population"][0]
        params = cohort["params"]
        runs = sorted(points[point], key=lambda r: r[0])
        gaps, ordered, predicted = [], 0, []
        epochs = None
        for seed, s in runs:
            tiers = [t for t in s["cohorts"][0]["tiers"]]
            held = [t for t in tiers if t["agents"] > 0]
            gaps.append(held[-1]["mean_cash"] - held[0]["mean_cash"])
            ordered += all(held[i]["mean_cash"] > held[i - 1]["mean_cash"] for i in range(1, len(held)))
            epochs = s["completed_epochs"]
            predicted.append(predicted_gap(tiers, params, sc["markets"][0]["tick_size"], epochs))
        m, h = interval(gaps)
        p = sum(predicted) / len(predicted)
        print("| %d | %d | %d | %s | %s | %s-%s | %d | %s | %.1f +- %.1f | %d of %d | %.1f | %s |" % (
            point, cohort["count"], params.get("tiers", 2), params.get("spread", 1.0), cohort["cash"],
            params["value_min"], params["value_max"], epochs, " ".join("%.1f" % g for g in gaps), m, h, ordered,
            len(runs), p, "%.2f" % (m / p) if p != 0 else "-"))
    print()


if __name__ == "__main__":
    for d in sys.argv[1:]:
        summarise(d)
