#!/usr/bin/env python3
"""The main factorial's Latin hypercube (docs/experiments/quadrants.md#sensitivity-a-region-not-a-point), rerun with
every metric summary.json now has: per sample point, the four corners, the effect of permeability in each corner and
the interaction (EP - EI) - (IP - II), paired by seed; whether the sign of each holds across the region, with every
seed's values and the points where the sign switches.

    python3 docs/results/quadrants-hypercube/analyze.py SWEEPS_DIR OUT_DIR

SWEEPS_DIR holds quadrants-factorial-lhs-emergent and quadrants-factorial-lhs-intentional (vaesim sweep --out
SWEEPS_DIR/NAME): the same 8 sample points (design seed 2026) in the E and I corners, each closed (point 2k) and open
(2k + 1). The per-run metrics are those of ../quadrants-markets/analyze.py (which adds per-cohort inequality and every
external party to ../quadrants-factorial/analyze.py's). Writes to OUT_DIR:
- points.csv: per sample point and metric, its parameters, each corner's mean and 95% interval (bounded metrics: the
  sweep's transformed interval, checked to stay inside the bounds), the effect of opening the gateway in E (EP - EI)
  and in I (IP - II) and the interaction, each paired by seed with a Student-t interval, and how many seeds give it
  each sign;
- seeds.csv: the same per seed (the four corners' values and the interaction);
- signs.csv: per metric and quantity (the interaction, each corner's effect of permeability), over the points: how
  many points have it above 0, below 0 (on the mean over seeds), exactly 0 in every seed, an interval excluding 0,
  seeds that disagree in sign; the share of points with the majority sign (Wilson interval, as the sweep's
  robustness share); the points against the majority (the regime switches) and the one-parameter threshold that
  best separates the signs (as robustness.json's split).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _module(name, folder):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "..", folder, "analyze.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# both scripts are named analyze.py: the factorial's is the module "analyze" that the markets' script imports
base = _module("analyze", "quadrants-factorial")  # intervals, bounds, writers
markets = _module("quadrants_markets", "quadrants-markets")  # per-run metrics, per-cohort Gini, every external party
PARAMS = ["participation", "cap_value", "external_depth", "value_activity"]
METRICS = ["compute_crash_depth", "compute_max_drawdown", "compute_price_error", "compute_epochs_below_19_5",
           "peak_exposure", "end_exposure", "all_parties_exposure", "external_side_pnl", "party_external_market_pnl",
           "party_offshore_fund_pnl", "party_fees_pnl", "external_max_drawdown", "data_max_drawdown", "gini_change",
           "cohort_gini_change.data-sellers", "cohort_gini_change.offshore"]
QUANTITIES = ["E_open_effect", "I_open_effect", "interaction"]


def sign(x):
    return 0 if x == 0 else (1 if x > 0 else -1)


def split(points, signs):
    """The single threshold on one parameter that best separates the points of the majority sign from the others:
    (parameter, threshold, majority below or above, points on the right side), or None when there is one sign."""
    if len(set(signs.values())) < 2:
        return None
    values = list(signs.values())
    major = max(set(values), key=values.count)
    best = None
    for p in PARAMS:
        xs = sorted({points[k][p] for k in signs})
        for lo, hi in zip(xs, xs[1:]):
            t = (lo + hi) / 2
            for side in ("below", "above"):
                right = sum(1 for k, s in signs.items()
                            if ((points[k][p] < t) == (side == "below")) == (s == major))
                if best is None or right > best[3]:
                    best = (p, t, side, right)
    return best


def main(sweeps, out):
    os.makedirs(out, exist_ok=True)
    e, i = (markets.load(sweeps, "quadrants-factorial-lhs-" + c) for c in ("emergent", "intentional"))
    assert all(r["relationships"] == 1 for r in e) and all(r["relationships"] == 0 for r in i), "corner files swapped"
    samples = sorted({r["point"] // 2 for r in e})  # the grid's gateway.open varies fastest: 2k closed, 2k + 1 open
    points, rows, seed_rows = {}, [], []
    per = {}  # (metric, quantity) -> {sample: (mean, low, high, seeds by sign)}
    for k in samples:
        corners = {"EI": base.pick([r for r in e if r["point"] == 2 * k], open=0),
                   "EP": base.pick([r for r in e if r["point"] == 2 * k + 1], open=1),
                   "II": base.pick([r for r in i if r["point"] == 2 * k], open=0),
                   "IP": base.pick([r for r in i if r["point"] == 2 * k + 1], open=1)}
        seeds = sorted(set.intersection(*(set(c) for c in corners.values())))
        if not seeds:
            raise SystemExit("sample %d: no seed has a complete run in all four corners" % k)
        r0 = corners["EI"][seeds[0]]
        for c in ("EP", "II", "IP"):  # the same sample point in every corner
            assert all(corners[c][seeds[0]][p] == r0[p] for p in PARAMS), (k, c)
        points[k] = {p: r0[p] for p in PARAMS}
        for m in METRICS:
            v = {c: {s: corners[c][s][m] for s in seeds} for c in corners}
            d = {"E_open_effect": [v["EP"][s] - v["EI"][s] for s in seeds],
                 "I_open_effect": [v["IP"][s] - v["II"][s] for s in seeds]}
            d["interaction"] = [a - b for a, b in zip(d["E_open_effect"], d["I_open_effect"])]
            row = [k] + [r0[p] for p in PARAMS] + [m]
            for c in ("EI", "EP", "II", "IP"):
                level = base.interval(list(v[c].values()), base.bounds(m))[:3]
                base.check_inside("points.csv sample %d %s" % (k, c), m, *level[1:])
                row += list(level)
            for q in QUANTITIES:
                mean, low, high, n = base.interval(d[q])
                by_sign = [sum(1 for x in d[q] if sign(x) == s) for s in (1, 0, -1)]
                row += [mean, low, high] + by_sign
                per.setdefault((m, q), {})[k] = (mean, low, high, by_sign)
            rows.append(row + [len(seeds)])
            for j, s in enumerate(seeds):
                seed_rows.append([k, s, m] + [v[c][s] for c in ("EI", "EP", "II", "IP")]
                                 + [d[q][j] for q in QUANTITIES])
    header = ["sample"] + PARAMS + ["metric"]
    header += [c + "." + x for c in ("EI", "EP", "II", "IP") for x in ("mean", "ci95_low", "ci95_high")]
    header += [q + "." + x for q in QUANTITIES for x in ("mean", "ci95_low", "ci95_high", "seeds_above_0",
                                                          "seeds_at_0", "seeds_below_0")]
    base.write(os.path.join(out, "points.csv"), header + ["seeds"], rows)
    base.write(os.path.join(out, "seeds.csv"), ["sample", "seed", "metric", "EI", "EP", "II", "IP"] + QUANTITIES,
               seed_rows)

    rows = []
    for (m, q), by_point in per.items():
        signs = {k: sign(x[0]) for k, x in by_point.items()}
        above = sum(1 for s in signs.values() if s > 0)
        below = sum(1 for s in signs.values() if s < 0)
        zero = sum(1 for x in by_point.values() if x[3][1] == sum(x[3]))  # 0 in every seed
        excl_above = sum(1 for x in by_point.values() if x[1] is not None and x[1] > 0)
        excl_below = sum(1 for x in by_point.values() if x[2] is not None and x[2] < 0)
        mixed = sum(1 for x in by_point.values() if x[3][0] > 0 and x[3][2] > 0)
        values = list(signs.values())
        major = max(set(values), key=lambda s: (values.count(s), -abs(s)))
        held = values.count(major)
        low, high = base.wilson(held, len(values))
        against = [k for k, s in signs.items() if s != major]
        sp = split(points, signs)
        rows.append([m, q, len(values), above, below, len(values) - above - below, zero, excl_above, excl_below,
                     mixed, {1: "+", 0: "0", -1: "-"}[major], held, low, high, " ".join(map(str, against))]
                    + (list(sp) if sp else ["", "", "", ""]))
    base.write(os.path.join(out, "signs.csv"), ["metric", "quantity", "points", "above_0", "below_0", "at_0",
               "zero_in_every_seed", "interval_above_0", "interval_below_0", "points_seeds_disagree",
               "majority_sign", "points_with_majority", "share_ci95_low", "share_ci95_high",
               "points_against_majority", "split_parameter", "split_threshold", "majority_holds", "split_right"],
               rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
