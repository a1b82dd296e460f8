#!/usr/bin/env python3
"""Issue 18 (Q.5) tables of the negotiation experiment's sweeps, from `vaesim sweep` outputs; standard library.

    python3 docs/results/negotiation-capability/summarise.py SWEEP_DIR [SWEEP_DIR ...]

For each point of each sweep it reads the point's scenario (scenarios/pNNNN.json) and every seed's summary.json
(cohorts[0].tiers: each tier's power, agents and mean cash), and prints as Markdown: the parameters, the gap in mean
cash between the highest and the lowest tier per seed, its mean with a two-sided 95% Student-t interval, the share
of seeds whose tiers' cash rises strictly with power, and the gap the bargaining rule predicts when no budget binds;
then each tier's mean cash and the wealth Gini over the seeds, and, where the sweep has an equal-power placebo,
each spread's gap less the placebo's in the same seed. The prediction:

    pairs trade when value v > cost c (v, c uniform on the same tick grid, N + 1 points over a width w), the seller
    takes k = its power / both powers of the surplus, and a coin makes an agent the buyer, so an agent of power p
    facing one of power q gains on average (E[(v - c)+] / 2) (p - q) / (p + q) an epoch, with
    E[(v - c)+] = w (N + 2) / (6 (N + 1)) (w / 6 for a continuous draw). Averaged over its partners' tiers (the
    measured tier sizes) and multiplied by the epochs, the difference between the top and the bottom tier is the
    predicted gap. A buyer without the cash for the price does not trade, which this prediction ignores: the ratio
    measured / predicted shows where budgets bind, and the bottom tier's predicted loss as a share of the cash it
    started with shows why.
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
    """The rule's expected gap between the top and the bottom tier after `epochs`, and the bottom tier's expected loss,
    with no budget binding."""
    lo = round(params["value_min"] / tick)
    hi = round(params["value_max"] / tick)
    n = hi - lo
    surplus = (n * tick) * (n + 2) / (6 * (n + 1))
    total = sum(t["agents"] for t in tiers)

    def drift(p):
        return surplus / 2 * sum(t["agents"] / total * (p - t["power"]) / (p + t["power"]) for t in tiers)

    held = [t for t in tiers if t["agents"] > 0]
    return epochs * (drift(held[-1]["power"]) - drift(held[0]["power"])), -epochs * drift(held[0]["power"])


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
          "| seeds ordered | predicted gap | measured / predicted | predicted loss of the bottom tier / cash |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
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
            gaps.append(gap(s))
            ordered += all(held[i]["mean_cash"] > held[i - 1]["mean_cash"] for i in range(1, len(held)))
            epochs = s["completed_epochs"]
            predicted.append(predicted_gap(tiers, params, sc["markets"][0]["tick_size"], epochs))
        m, h = interval(gaps)
        p = sum(x[0] for x in predicted) / len(predicted)
        loss = sum(x[1] for x in predicted) / len(predicted) / float(cohort["cash"])
        print("| %d | %d | %d | %s | %s | %s-%s | %d | %s | %.1f +- %.1f | %d of %d | %.1f | %s | %.2f |" % (
            point, cohort["count"], params.get("tiers", 2), params.get("spread", 1.0), cohort["cash"],
            params["value_min"], params["value_max"], epochs, " ".join("%.1f" % g for g in gaps), m, h, ordered,
            len(runs), p, "%.2f" % (m / p) if p != 0 else "-", loss))
    print()
    by_tier(points)
    paired(directory, points)
    growth(directory, points)


def growth(directory, points):
    """Where the points differ only in their epochs (the same scenario run longer), the ratio of each point's gap to
    the previous one's in the same seed: linear growth doubles the gap when the epochs double, compounding more."""
    runs = {p: dict(points[p]) for p in points}
    horizons = sorted(points, key=lambda p: points[p][0][1]["completed_epochs"])
    def without_epochs(p):
        sc = json.load(open(directory + "/scenarios/p%04d.json" % p))
        sc.pop("epochs", None)
        return json.dumps(sc, sort_keys=True)

    if len({without_epochs(p) for p in points}) > 1 or len(horizons) < 2:
        return
    print("| epochs | gap / gap at the previous horizon, same seed: mean +- 95% (min - max) |")
    print("|---|---|")
    for a, b in zip(horizons, horizons[1:]):
        r = [gap(runs[b][seed]) / gap(runs[a][seed]) for seed in runs[b] if seed in runs[a]]
        m, h = interval(r)
        print("| %d -> %d | %.3f +- %.3f (%.3f - %.3f) |" % (runs[a][next(iter(runs[a]))]["completed_epochs"],
              runs[b][next(iter(runs[b]))]["completed_epochs"], m, h, min(r), max(r)))
    print()


def by_tier(points):
    """Each tier's mean cash and the wealth Gini, mean +- 95% over the seeds, per point (tiers up to the largest)."""
    most = max(len(s["cohorts"][0]["tiers"]) for runs in points.values() for _, s in runs)
    print("| point | " + " | ".join("tier %d: power, mean cash +- 95%%" % t for t in range(most))
          + " | wealth Gini +- 95% |")
    print("|---|" + "---|" * (most + 1))
    for point in sorted(points):
        cells = []
        for t in range(most):
            cash = [s["cohorts"][0]["tiers"][t]["mean_cash"] for _, s in points[point]
                    if t < len(s["cohorts"][0]["tiers"])]
            power = points[point][0][1]["cohorts"][0]["tiers"][t]["power"] if cash else None
            cells.append("%s, %.2f +- %.2f" % ((power,) + interval(cash)) if cash else "")
        gini = interval([s["cohorts"][0]["wealth_gini"] for _, s in points[point]])
        print("| %d | %s | %.4f +- %.4f |" % ((point, " | ".join(cells)) + gini))
    print()


def paired(directory, points):
    """Where the sweep has a point with equal powers (spread 0), each other point's gap less that point's gap in the
    same seed: the seed draws the same tiers, pairs, roles, values and costs at every spread, so the difference
    removes the noise the spreads share and leaves what the powers move."""
    scenarios = {p: json.load(open(directory + "/scenarios/p%04d.json" % p)) for p in points}
    def without_spread(p):
        sc = json.loads(json.dumps(scenarios[p]))
        sc["population"][0]["params"].pop("spread", None)
        return sc

    base = [p for p in points if scenarios[p]["population"][0]["params"].get("spread", 1.0) == 0]
    if len(base) != 1 or any(without_spread(p) != without_spread(base[0]) for p in points):
        return  # a spread-0 point is a placebo only for points that differ from it in the spread alone
    gap0 = {seed: gap(s) for seed, s in points[base[0]]}
    print("| spread | gap less the spread-0 gap, same seed: mean +- 95% | predicted |")
    print("|---|---|---|")
    for point in sorted(points):
        if point == base[0]:
            continue
        params = scenarios[point]["population"][0]["params"]
        d = [gap(s) - gap0[seed] for seed, s in points[point]]
        m, h = interval(d)
        p = sum(predicted_gap(s["cohorts"][0]["tiers"], params, scenarios[point]["markets"][0]["tick_size"],
                              s["completed_epochs"])[0] for _, s in points[point]) / len(points[point])
        print("| %s | %.1f +- %.1f | %.1f |" % (params["spread"], m, h, p))
    print()


def gap(summary):
    held = [t for t in summary["cohorts"][0]["tiers"] if t["agents"] > 0]
    return held[-1]["mean_cash"] - held[0]["mean_cash"]


if __name__ == "__main__":
    for d in sys.argv[1:]:
        summarise(d)
