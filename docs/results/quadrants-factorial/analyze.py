#!/usr/bin/env python3
"""Tables of the quadrants' factorial design (docs/experiments/quadrants.md) from the sweeps' run directories.

    python3 docs/results/quadrants-factorial/analyze.py SWEEPS_DIR OUT_DIR

SWEEPS_DIR holds the sweep directories quadrants-factorial, quadrants-factorial-gateway-{emergent,intentional} and
quadrants-factorial-lhs-{emergent,intentional} (vaesim sweep --out SWEEPS_DIR/NAME). Writes to OUT_DIR:
runs.csv (one row per run: its levers and every metric), corners.csv (the four corners' means and 95% intervals),
interaction.csv ((EP - EI) - (IP - II) per metric, paired by seed), levers.csv (each lever's main effect and its
interaction with permeability over the full factorial, paired by seed), gateway.csv (the gateway levers, each
against its corner's default, and the interaction they give) and lhs.csv (the interaction at every sampled point).
Intervals are Student-t over the seeds' paired differences: mean +- t(n-1) s / sqrt(n). A corner's or a point's
interval of a bounded metric (BOUNDS) is the sweep's (Sweep.Interval, docs/sweeps.md#intervals-of-bounded-metrics):
the same interval on the logit scale for a metric bounded on both sides, on the log scale for one bounded below only,
mapped back, so that it stays inside the bounds; check_inside refuses a table row whose interval leaves them.
"""
import csv
import json
import math
import os
import sys

from scipy import stats

SHOCK = 100  # the sell algorithm's first epoch
FUNDAMENTAL = {"compute": 20.0, "data": 5.0}  # the value investors' anchor; the ZI market's competitive price
METRICS = [
    ("compute_crash_depth", "compute: fall from the pre-shock price to the trough"),
    ("compute_max_drawdown", "compute: max drawdown"),
    ("compute_price_error", "compute: mean |p / 20.00 - 1| after the shock"),
    ("compute_epochs_below_19_5", "compute: epochs below 19.50 after the shock"),
    ("data_max_drawdown", "data: max drawdown"),
    ("data_price_error", "data: mean |p / 5.00 - 1|"),
    ("data_zi_efficiency", "data: ZI allocative efficiency (book)"),
    ("data_book_volume", "data: units traded on the book"),
    ("otc_units", "data: units traded in relationships"),
    ("gini_change", "wealth Gini, end minus epoch 1"),
    ("top10_change", "top 10% share, end minus epoch 1"),
    ("breaker_trips", "breaker trips"),
    ("agents_refused", "arrivals refused at entry"),
    ("peak_exposure", "peak external exposure (EM)"),
    ("end_exposure", "external exposure at the end (EM)"),
    ("external_max_drawdown", "external compute price: max drawdown"),
]


def levers(scenario):
    s = scenario.get("safety") or {}
    g = scenario.get("gateway") or {}
    return {
        "open": int(bool(g.get("open"))),
        "relationships": int("relationships" in (scenario.get("stages") or {})),
        "breakers": int("circuit_breaker" in s),
        "entry": int("entry" in s),
        "auction": int(len(scenario.get("resource_auctions") or []) > 0),
        "gateway_breaker": int(g.get("circuit_breaker") is not None),
        "cap": g.get("cap_per_principal") if g.get("cap_per_principal") is not None else "none",
        "currency": "floating" if (g.get("rate") or {}).get("depth") else "pegged",
        "participation": scenario["population"][[c["name"] for c in scenario["population"]].index("seller")]
        ["params"]["participation"],
        "value_activity": scenario["population"][0]["params"]["activity"],
        "external_depth": g["markets"][0]["depth"],
        "cap_value": g.get("cap_per_principal"),
    }


def run_metrics(run):
    s = json.load(open(os.path.join(run, "summary.json")))
    rows = list(csv.DictReader(open(os.path.join(run, "metrics.csv"))))
    markets = {m["name"]: m for m in s["markets"]}
    post = [r for r in rows if int(r["epoch"]) > SHOCK]
    crash = next(c for c in s["crash"] if c["market"] == "compute")
    g = s.get("gateway") or {}
    return {
        "compute_crash_depth": crash["depth"],
        "compute_max_drawdown": markets["compute"]["max_drawdown"],
        "compute_price_error": sum(abs(float(r["compute.price"]) / FUNDAMENTAL["compute"] - 1) for r in post)
        / len(post),
        "compute_epochs_below_19_5": sum(1 for r in post if float(r["compute.price"]) < 19.5),
        "data_max_drawdown": markets["data"]["max_drawdown"],
        "data_price_error": sum(abs(float(r["data.price"]) / FUNDAMENTAL["data"] - 1) for r in rows) / len(rows),
        "data_zi_efficiency": markets["data"].get("efficiency"),
        "data_book_volume": markets["data"]["volume"],
        "otc_units": (s.get("relationships") or {}).get("units", 0),
        "gini_change": float(rows[-1]["wealth_gini"]) - float(rows[0]["wealth_gini"]),
        "top10_change": float(rows[-1]["top10_share"]) - float(rows[0]["top10_share"]),
        "breaker_trips": s["safety"]["breaker_trips"],
        "agents_refused": sum(s["safety"]["agents_refused"].values()),
        "peak_exposure": (g.get("exposure") or {}).get("peak_exposure", 0),
        "end_exposure": (g.get("exposure") or {}).get("exposure", 0),
        "external_max_drawdown": next((l.get("external_max_drawdown") or 0 for l in g.get("markets", [])
                                       if l.get("name") == "compute"), 0),
    }


def load(sweeps, name):
    d = os.path.join(sweeps, name)
    out = []
    for p in sorted(os.listdir(os.path.join(d, "points"))):
        if not p.startswith("p"):
            continue
        point, seed = p[1:].split("-s")
        scenario = json.load(open(os.path.join(d, "scenarios", "p%s.json" % point)))
        run = dict(sweep=name, point=int(point), seed=int(seed), **levers(scenario))
        run.update(run_metrics(os.path.join(d, "points", p)))
        out.append(run)
    return out


def interval(diffs, bounds=None):
    """Mean, 95% interval and n. Student-t, or with bounds (low, high; high None: bounded below only) the transformed
    interval of bounded_interval."""
    diffs = [x for x in diffs if x is not None]
    n = len(diffs)
    mean = sum(diffs) / n
    if n < 2:
        return mean, None, None, n
    sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / (n - 1))
    h = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    if bounds is not None:
        return bounded_interval(diffs, mean, h, bounds) + (n,)
    return mean, mean - h, mean + h, n


# Metrics that cannot leave a range by their definition: (low, high), high None where only the low bound holds.
# Falls, drawdowns and Gini changes as in MetricBounds (the sweep's one list); counts, units, exposures, losses and
# price errors are never negative. Not bounded: the ZI traders' allocative efficiency, which exceeds 1 where they
# trade with agents without induced values (docs/market-clearing.md#efficiency: 1.02 to 1.10 in 4 of the one-market
# EP corner's 10 seeds), P&Ls, and every difference or interaction.
UNIT, CHANGE, NONNEGATIVE = (0.0, 1.0), (-1.0, 1.0), (0.0, None)
BOUNDS_BY_NAME = {"compute_crash_depth": UNIT, "gini_change": CHANGE, "top10_change": CHANGE,
                  "breaker_trips": NONNEGATIVE, "agents_refused": NONNEGATIVE, "otc_units": NONNEGATIVE,
                  "services_net_surplus": None}


def bounds(metric):
    """The bounds of a metric of these analyses (BOUNDS_BY_NAME, then by the name's form), or None."""
    if metric in BOUNDS_BY_NAME:
        return BOUNDS_BY_NAME[metric]
    if metric.endswith("max_drawdown"):
        return UNIT
    if metric.startswith("cohort_gini_change."):
        return CHANGE
    if metric.endswith(("exposure", "price_error", "epochs_below_19_5", "volume", "_exported", "_imported")):
        return NONNEGATIVE
    return None


def bounded_interval(x, mean, h, b):
    """Sweep.Interval.of(x, bounds): the Student-t half-width h carried to the logit scale of (x - low) / (high -
    low) (both bounds) or the log scale of x - low (low only) by the delta method, mapped back; the mean and bounds
    themselves where every value is equal or sits on a bound; Student-t where a value lies outside the bounds (they
    are then no bounds of these data)."""
    low, high = b
    if any(v < low or (high is not None and v > high) for v in x):
        return mean, mean - h, mean + h
    if high is None:
        m = mean - low
        if h == 0 or m == 0:
            return mean, mean, mean
        return mean, low + m * math.exp(-h / m), low + m * math.exp(h / m)
    width = high - low
    m, se = min(max((mean - low) / width, 0.0), 1.0), h / width
    if se == 0 or m in (0.0, 1.0):
        return mean, mean, mean
    logit, half = math.log(m / (1 - m)), se / (m * (1 - m))
    expit = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    return mean, low + width * expit(logit - half), low + width * expit(logit + half)


def wilson(k, n):
    """Wilson's score interval of k successes in n (Robustness.wilson): stays in [0, 1], not empty at 0 or n."""
    if n == 0:
        return None, None
    z = 1.959964
    p, z2 = k / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def check_inside(where, metric, low, high):
    """Stops the analysis where the interval of a bounded metric leaves its bounds (a level, not a difference)."""
    b = bounds(metric)
    if b is None or low is None:
        return
    if low < b[0] - 1e-12 or (b[1] is not None and high > b[1] + 1e-12):
        raise SystemExit("%s: the interval [%g, %g] of %s leaves its bounds %s" % (where, low, high, metric, b))


def pick(runs, **want):
    return {r["seed"]: r for r in runs if all(r[k] == v for k, v in want.items())}


E = dict(relationships=1, breakers=0, entry=0, auction=0)
I = dict(relationships=0, breakers=1, entry=1, auction=1)


def fmt(x):
    return "" if x is None else ("%.6g" % x if isinstance(x, float) else str(x))


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(x) for x in r])


def interaction_rows(ep, ei, ip, ii, metric):
    seeds = sorted(set(ep) & set(ei) & set(ip) & set(ii))
    d = [(ep[s][metric] - ei[s][metric]) - (ip[s][metric] - ii[s][metric]) for s in seeds]
    return interval(d)


def main(sweeps, out):
    os.makedirs(out, exist_ok=True)
    runs = load(sweeps, "quadrants-factorial")
    gate = {c: load(sweeps, "quadrants-factorial-gateway-" + c) for c in ("emergent", "intentional")}
    lhs = {c: load(sweeps, "quadrants-factorial-lhs-" + c) for c in ("emergent", "intentional")}
    keys = ["sweep", "point", "seed", "open", "relationships", "breakers", "entry", "auction", "gateway_breaker",
            "cap", "currency", "participation", "value_activity", "external_depth"] + [m for m, _ in METRICS]
    everything = runs + gate["emergent"] + gate["intentional"] + lhs["emergent"] + lhs["intentional"]
    write(os.path.join(out, "runs.csv"), keys, [[r[k] for k in keys] for r in everything])

    corners = {"EI": pick(runs, open=0, **E), "EP": pick(runs, open=1, **E), "II": pick(runs, open=0, **I),
               "IP": pick(runs, open=1, **I)}
    rows = []
    for m, label in METRICS:
        row = [m, label]
        for c in ("EI", "EP", "II", "IP"):
            level = interval([r[m] for r in corners[c].values()], bounds(m))[:3]
            check_inside("corners.csv " + c, m, *level[1:])
            row += list(level)
        row += list(interaction_rows(corners["EP"], corners["EI"], corners["IP"], corners["II"], m))
        rows.append(row)
    write(os.path.join(out, "corners.csv"), ["metric", "label"] + [c + "." + k for c in ("EI", "EP", "II", "IP")
          for k in ("mean", "ci95_low", "ci95_high")] + ["interaction.mean", "interaction.ci95_low",
          "interaction.ci95_high", "seeds"], rows)

    # full factorial: each lever's main effect and its interaction with permeability, paired by seed
    rows = []
    names = ["relationships", "breakers", "entry", "auction"]
    for lever in names:
        others = [n for n in names if n != lever]
        for m, _ in METRICS:
            main_d, inter_d = [], []
            for seed in sorted({r["seed"] for r in runs}):
                cells = {}
                for r in runs:
                    if r["seed"] == seed:
                        cells[(r["open"], r[lever]) + tuple(r[o] for o in others)] = r[m]
                on = [v for k, v in cells.items() if k[1] == 1]
                off = [v for k, v in cells.items() if k[1] == 0]
                main_d.append(sum(on) / len(on) - sum(off) / len(off))
                inter = []
                for k, v in cells.items():
                    if k[0] == 1 and k[1] == 1:
                        rest = k[2:]
                        inter.append((v - cells[(0, 1) + rest]) - (cells[(1, 0) + rest] - cells[(0, 0) + rest]))
                inter_d.append(sum(inter) / len(inter))
            rows.append([lever, m] + list(interval(main_d)[:3]) + list(interval(inter_d)))
    write(os.path.join(out, "levers.csv"), ["lever", "metric", "main.mean", "main.ci95_low", "main.ci95_high",
          "x_permeable.mean", "x_permeable.ci95_low", "x_permeable.ci95_high", "seeds"], rows)

    # the gateway's levers: each setting of the permeable corners against the impermeable corners of the factorial
    rows = []
    for gb in (0, 1):
        for cap in (1000, "none"):
            for cur in ("floating", "pegged"):
                ep = pick(gate["emergent"], gateway_breaker=gb, cap=cap, currency=cur)
                ip = pick(gate["intentional"], gateway_breaker=gb, cap=cap, currency=cur)
                for m, _ in METRICS:
                    rows.append([gb, cap, cur, m] + list(interval([r[m] for r in ep.values()], bounds(m))[:3])
                                + list(interval([r[m] for r in ip.values()], bounds(m))[:3])
                                + list(interaction_rows(ep, corners["EI"], ip, corners["II"], m)))
    write(os.path.join(out, "gateway.csv"), ["gateway_breaker", "cap_per_principal", "currency", "metric",
          "EP.mean", "EP.ci95_low", "EP.ci95_high", "IP.mean", "IP.ci95_low", "IP.ci95_high", "interaction.mean",
          "interaction.ci95_low", "interaction.ci95_high", "seeds"], rows)

    # the sampled region: at every point, the interaction over its seeds
    rows = []
    for point in sorted({r["point"] for r in lhs["emergent"] if r["open"] == 0}):
        e = [r for r in lhs["emergent"] if r["point"] in (point, point + 1)]
        i = [r for r in lhs["intentional"] if r["point"] in (point, point + 1)]
        ei, ep = pick(e, open=0), pick(e, open=1)
        ii, ip = pick(i, open=0), pick(i, open=1)
        r0 = next(iter(ei.values()))
        for m in ("compute_crash_depth", "compute_max_drawdown", "compute_price_error", "peak_exposure",
                  "data_max_drawdown", "gini_change"):
            rows.append([point // 2, r0["participation"], r0["cap_value"], r0["external_depth"],
                         r0["value_activity"], m]
                        + [interval([r[m] for r in c.values()])[0] for c in (ei, ep, ii, ip)]
                        + list(interaction_rows(ep, ei, ip, ii, m)))
    write(os.path.join(out, "lhs.csv"), ["sample", "participation", "cap_per_principal", "external_depth",
          "value_activity", "metric", "EI.mean", "EP.mean", "II.mean", "IP.mean", "interaction.mean",
          "interaction.ci95_low", "interaction.ci95_high", "seeds"], rows)


def self_check():
    """Known answers (docs/sweeps.md#intervals-of-bounded-metrics, IntervalTest) and the check refusing a t-interval
    that leaves [0, 1]; exits non-zero if any fails."""
    shares = [0.90, 0.95, 0.99, 0.97]
    mean, low, high, _ = interval(shares)
    assert (round(low, 3), round(high, 3)) == (0.891, 1.014), (low, high)
    try:
        check_inside("self-check", "compute_max_drawdown", low, high)
        raise AssertionError("check_inside let [0.891, 1.014] of a drawdown through")
    except SystemExit:
        pass
    _, low, high, _ = interval(shares, UNIT)
    assert (round(low, 3), round(high, 3)) == (0.838, 0.987), (low, high)
    check_inside("self-check", "compute_max_drawdown", low, high)
    assert interval([0.0, 0.0, 0.0], UNIT)[1:3] == (0.0, 0.0)
    _, low, high, _ = interval([0.0, 0.0, 3.0], NONNEGATIVE)  # Student-t: [-3.3, 5.3]
    assert 0 < low < 1 < high, (low, high)
    assert [round(v, 3) for v in wilson(0, 30)] == [0.0, 0.114]
    assert interval([1.02, 0.93, 1.09], bounds("data_zi_efficiency"))[2] > 1  # not bounded: may exceed 1
    print("self-check: bounded intervals and the bounds check give the known answers")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        self_check()
    else:
        main(sys.argv[1], sys.argv[2])
