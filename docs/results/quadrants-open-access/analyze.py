#!/usr/bin/env python3
"""Tables of the one-market quadrants with open access (docs/experiments/quadrants.md, "Ordinary agents crossing on
their own"), from the sweeps' run directories.

    python3 docs/results/quadrants-open-access/analyze.py SWEEPS_DIR OUT_DIR

SWEEPS_DIR holds quadrants-open-access-{emergent,intentional} and quadrants-open-access-sensitivity-{emergent,
intentional} (vaesim sweep --out SWEEPS_DIR/NAME). The first two run the one-market variant's E and I corners with four
gateways each: closed; open with the designed brokers; open with the brokers and open access for the data market's book
traders ("besides"); open with open access and no data brokers ("instead"). The other two run E and I, open, besides,
over a grid of the open-access thresholds and size limit. The metrics are those of ../quadrants-markets/analyze.py
(imported), plus the open-access agents' crossings and units. Writes to OUT_DIR: runs.csv (one row per run), corners.csv
(every cell's mean with a 95% interval, and the interactions (EP - EI) - (IP - II) for each pairing of an emergent and
an intentional gateway, paired by seed), lever.csv (open access's effect within each corner and the difference, paired
by seed) and sensitivity.csv (at each point of the grid, the interaction with open access in E only, against I with its
brokers, and with open access in both corners at that point, paired by seed).
Intervals are Student-t over the seeds' paired differences, as in ../quadrants-factorial/analyze.py.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _module(name, folder):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, "..", folder, "analyze.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# the first round's metrics and intervals, then the one-market factorial's (which imports the first as "analyze")
base = _module("analyze", "quadrants-factorial")
markets = _module("quadrants_markets_analyze", "quadrants-markets")
OA_METRICS = [("oa_crossings", "open access: agent-epochs in which an ordinary agent crossed"),
              ("oa_data_exported", "open access: data units exported by ordinary agents"),
              ("oa_data_imported", "open access: data units imported by ordinary agents")]
METRICS = markets.METRICS + OA_METRICS
NAMES = ("quadrants-open-access-emergent", "quadrants-open-access-intentional",
         "quadrants-open-access-sensitivity-emergent", "quadrants-open-access-sensitivity-intentional")
SENSITIVITY = NAMES[2:]


def cell(scenario):
    """The run's cell: its corner, whether the gateway is open, and its gateway variant."""
    g = scenario.get("gateway") or {}
    oa = g.get("open_access")
    brokers = {b["cohort"] for b in g.get("brokers", [])}
    variant = ("closed" if not g.get("open") else "brokers" if oa is None
               else "besides" if "offshore-data" in brokers else "instead")
    return {"corner": "E" if "relationships" in (scenario.get("stages") or {}) else "I",
            "variant": variant,
            "threshold_min": (oa or {}).get("threshold_ticks", {}).get("min"),
            "threshold_max": (oa or {}).get("threshold_ticks", {}).get("max"),
            "max_units": (oa or {}).get("max_units")}


def load(sweeps, name):
    out = base.load(sweeps, name)
    for run in out:
        scenario = json.load(open(os.path.join(sweeps, name, "scenarios", "p%04d.json" % run["point"])))
        run.update(cell(scenario))
        path = os.path.join(sweeps, name, "points", "p%04d-s%d" % (run["point"], run["seed"]))
        run.update(markets.extra_metrics(path))
        s = json.load(open(os.path.join(path, "summary.json")))
        assert s["conservation"]["all_conserved"], path + ": not conserved"
        oa = (s.get("gateway") or {}).get("open_access") or {}
        data = next((m for m in oa.get("markets", []) if m["market"] == "data"), {})
        run.update(oa_crossings=oa.get("crossings", 0), oa_data_exported=data.get("exported", 0),
                   oa_data_imported=data.get("imported", 0))
    return out


def level(where, metric, runs):
    """Mean and 95% interval of a metric over runs: the bounded interval of the first round's analysis where the metric
    has bounds, refused (check_inside) if it still left them."""
    mean, low, high, _ = markets.interval([r[metric] for r in runs], base.bounds(metric))
    base.check_inside(where, metric, low, high)
    return mean, low, high


def by_seed(runs, **want):
    return {r["seed"]: r for r in runs if all(r[k] == v for k, v in want.items())}


def interaction(ep, ei, ip, ii, m):
    seeds = sorted(set(ep) & set(ei) & set(ip) & set(ii))
    return markets.interval([markets.diff(markets.diff(ep[s][m], ei[s][m]), markets.diff(ip[s][m], ii[s][m]))
                             for s in seeds])


PAIRINGS = [("brokers", "brokers"), ("besides", "brokers"), ("instead", "brokers"), ("besides", "besides"),
            ("instead", "instead")]


def reproduction(sweeps, runs):
    """How many closed and brokers-only runs end on the state checksum of the one-market factorial's same cell."""
    import csv
    old = {}
    for r in csv.DictReader(open(os.path.join(HERE, "..", "quadrants-markets", "quadrants-factorial-one-market",
                                              "results.csv"))):
        corner = ("E" if "relationships" in r["stages"] and r["safety"] in ("", "null")
                  and r["resource_auctions"] == "[]" else "I" if "relationships" not in r["stages"]
                  and "entry" in r["safety"] and "circuit_breaker" in r["safety"] and r["resource_auctions"] != "[]"
                  else None)
        if corner:
            old[(corner, "brokers" if r["gateway.open"] == "true" else "closed", int(r["seed"]))] = r["state_checksum"]
    same = differ = 0
    for name in NAMES[:2]:
        new = {(int(r["point"]), int(r["seed"])): r["state_checksum"]
               for r in csv.DictReader(open(os.path.join(sweeps, name, "results.csv")))}
        for r in runs:
            if r["sweep"] == name and r["variant"] in ("closed", "brokers"):
                if old.get((r["corner"], r["variant"], r["seed"])) == new[(r["point"], r["seed"])]:
                    same += 1
                else:
                    differ += 1
    print("reproduction: %d closed and brokers-only runs end on the one-market factorial's checksum, %d differ"
          % (same, differ))


def main(sweeps, out):
    os.makedirs(out, exist_ok=True)
    runs = []
    for name in NAMES:
        if os.path.exists(os.path.join(sweeps, name, "results.csv")):
            runs += load(sweeps, name)
        else:
            print("%s: not finished (no results.csv), left out" % name)
    keys = ["sweep", "point", "seed", "corner", "variant", "threshold_min", "threshold_max", "max_units"] + [
        m for m, _ in METRICS]
    base.write(os.path.join(out, "runs.csv"), keys, [[r.get(k) for k in keys] for r in runs])
    reproduction(sweeps, runs)
    main_runs = [r for r in runs if r["sweep"] not in SENSITIVITY]
    cells = {(c, v): by_seed(main_runs, corner=c, variant=v) for c in "EI"
             for v in ("closed", "brokers", "besides", "instead")}
    rows = []
    for m, label in METRICS:
        if all(r.get(m) is None for r in main_runs):
            continue
        row = [m, label]
        for (c, v), cs in cells.items():
            row += list(level("corners.csv %s%s" % (c, v), m, cs.values()))
        for e, i in PAIRINGS:
            row += list(interaction(cells[("E", e)], cells[("E", "closed")], cells[("I", i)], cells[("I", "closed")],
                                    m)[:3])
        rows.append(row)
    header = ["metric", "label"] + ["%s%s.%s" % (c, "I" if v == "closed" else "P:" + v, k) for (c, v) in cells
                                    for k in ("mean", "ci95_low", "ci95_high")]
    header += ["interaction[EP:%s,IP:%s].%s" % (e, i, k) for e, i in PAIRINGS for k in ("mean", "ci95_low",
                                                                                          "ci95_high")]
    base.write(os.path.join(out, "corners.csv"), header, rows)
    rows = []
    for m, label in METRICS:
        if all(r.get(m) is None for r in main_runs):
            continue
        row = [m]
        effects = {}
        for c in "EI":
            on, off = cells[(c, "besides")], cells[(c, "brokers")]
            effects[c] = {s: markets.diff(on[s][m], off[s][m]) for s in sorted(set(on) & set(off))}
            row += list(markets.interval(list(effects[c].values()))[:3])
        seeds = sorted(set(effects["E"]) & set(effects["I"]))
        row += list(markets.interval([markets.diff(effects["E"][s], effects["I"][s]) for s in seeds]))
        rows.append(row)
    base.write(os.path.join(out, "lever.csv"), ["metric", "E.effect.mean", "E.effect.ci95_low", "E.effect.ci95_high",
               "I.effect.mean", "I.effect.ci95_low", "I.effect.ci95_high", "E_minus_I.mean", "E_minus_I.ci95_low",
               "E_minus_I.ci95_high", "seeds"], rows)
    sens = [r for r in runs if r["sweep"] in SENSITIVITY]
    rows = []
    for point in sorted({r["point"] for r in sens}):
        ep = {r["seed"]: r for r in sens if r["point"] == point and r["corner"] == "E"}
        ip = {r["seed"]: r for r in sens if r["point"] == point and r["corner"] == "I"}
        first = next(iter(ep.values()))
        for m in ("all_parties_exposure", "peak_exposure", "end_exposure", "party_external_market_pnl",
                  "party_fees_pnl", "compute_crash_depth", "compute_max_drawdown", "compute_price_error",
                  "data_max_drawdown", "data_price_error", "gini_change", "cohort_gini_change.data-sellers",
                  "cohort_gini_change.data-buyers", "oa_crossings", "oa_data_exported", "oa_data_imported"):
            rows.append([point, first["threshold_min"], first["threshold_max"], first["max_units"], m]
                        + list(level("sensitivity.csv p%d EP" % point, m, ep.values()))
                        + list(level("sensitivity.csv p%d IP" % point, m, ip.values()) if ip else [None] * 3)
                        + list(interaction(ep, cells[("E", "closed")], cells[("I", "brokers")], cells[("I", "closed")],
                                           m)[:3])
                        + list(interaction(ep, cells[("E", "closed")], ip, cells[("I", "closed")], m)
                               if ip else [None] * 4))
    base.write(os.path.join(out, "sensitivity.csv"), ["point", "threshold_min", "threshold_max", "max_units",
               "metric", "EP.mean", "EP.ci95_low", "EP.ci95_high", "IP.mean", "IP.ci95_low", "IP.ci95_high",
               "interaction_E_only.mean", "interaction_E_only.ci95_low", "interaction_E_only.ci95_high",
               "interaction_both.mean", "interaction_both.ci95_low", "interaction_both.ci95_high", "seeds"], rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
