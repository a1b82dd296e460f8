#!/usr/bin/env python3
"""Tables of the quadrants' factorials with per-cohort inequality, every external party and emergent micro-markets
(docs/experiments/quadrants.md), from the sweeps' run directories.

    python3 docs/results/quadrants-markets/analyze.py SWEEPS_DIR OUT_DIR

SWEEPS_DIR holds quadrants-factorial, quadrants-factorial-markets and quadrants-factorial-one-market (vaesim sweep
--out SWEEPS_DIR/NAME), each a 2^5 factorial (open x emergent behaviour x breakers x entry checks x auction). The
metrics and the paired intervals are those of ../quadrants-factorial/analyze.py (imported from there), plus, per
run: each cohort's Gini change from epoch 0 (summary.json's cohorts[].wealth_gini_change), every external party's
P&L and the sum of their losses (gateway.exposure.parties, all_parties), the services' net surplus and the epochs
their dormant markets opened (coordination), and the data link's external drawdown. Writes to OUT_DIR, per sweep:
runs-NAME.csv (one row per run), corners-NAME.csv (the four corners with 95% intervals and the interaction
(EP - EI) - (IP - II), paired by seed) and levers-NAME.csv (each lever's main effect and its interaction with
permeability, paired by seed over the full factorial); and, from quadrants-factorial-one-market-lhs-{emergent,
intentional}, lhs-one-market.csv (the one-market interaction at each sampled point, paired by seed); and, from
quadrants-factorial-gateway-{emergent,intentional}, gateway-parties.csv (every external party under each setting of
the gateway's levers, with the interaction against the factorial's impermeable corners).
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "quadrants-factorial"))
import analyze as base  # noqa: E402  the first round's metrics, intervals and writers

COHORTS = ["value", "hft", "offshore", "offshore-data", "data-buyers", "data-sellers", "newcomers", "unvetted",
           "service-traders", "peers", "labs", "big-lab", "clients", "providers"]
PARTIES = {"external market": "party_external_market_pnl", "offshore-fund": "party_offshore_fund_pnl",
           "offshore-data-fund": "party_offshore_data_fund_pnl", "gateway fees": "party_fees_pnl"}
SERVICES = ["translation", "labelling", "audit"]
EXTRA = ([("cohort_gini_change." + c, "Gini within " + c + ", end minus epoch 0") for c in COHORTS]
         + [("all_parties_exposure", "every external party's losses, summed (EM)"),
            ("external_side_pnl", "the external side's P&L, all parties (EM)")]
         + [(v, "P&L of " + k + " (EM)") for k, v in PARTIES.items()]
         + [("services_net_surplus", "services: net surplus, all three (credits)")]
         + [("net_surplus." + s, s + ": net surplus (credits)") for s in SERVICES]
         + [("opened_epoch." + s, s + ": epoch its market opened (250: never)") for s in SERVICES]
         + [("data_external_max_drawdown", "external data price: max drawdown"),
            ("data_exported", "data: units exported"), ("data_imported", "data: units imported")])
METRICS = base.METRICS + EXTRA


def extra_metrics(run):
    s = json.load(open(os.path.join(run, "summary.json")))
    assert s["conservation"]["money_conserved"], run + ": money not conserved"
    out = {k: None for k, _ in EXTRA}
    for c in s["cohorts"]:
        if c["name"] in COHORTS:
            out["cohort_gini_change." + c["name"]] = c["wealth_gini_change"]
    e = (s.get("gateway") or {}).get("exposure") or {}
    out["all_parties_exposure"] = e.get("all_parties", 0)
    out["external_side_pnl"] = e.get("external_side_pnl", 0)
    for p in e.get("parties", []):
        out[PARTIES[p["party"]]] = p["pnl"]
    for link in (s.get("gateway") or {}).get("markets", []):
        if link["name"] == "data":
            out["data_external_max_drawdown"] = link["external_max_drawdown"]
            out["data_exported"] = link["exported"]
            out["data_imported"] = link["imported"]
    coordination = s.get("coordination")
    if coordination:
        total = 0
        for sv in coordination["services"]:
            out["net_surplus." + sv["name"]] = sv["net_surplus"]
            total += sv["net_surplus"]
            opened = sv.get("opened_epoch")
            # a designed market is open from epoch 0; a dormant one that never opened counts as the run's end
            out["opened_epoch." + sv["name"]] = (0 if coordination["protocol"] == "auction" and opened is None
                                                 else s["epochs"] if opened is None else opened)
        out["services_net_surplus"] = total
    return out


def load(sweeps, name):
    runs = base.load(sweeps, name)
    for r in runs:
        r["emergent"] = r["relationships"]
        r.update(extra_metrics(os.path.join(sweeps, name, "points", "p%04d-s%d" % (r["point"], r["seed"]))))
    return runs


def interval(x, bounds=None):
    """base.interval (with bounds: the bounded one), or no value where no run has one (a cohort or a link this design
    lacks)."""
    return base.interval(x, bounds) if any(v is not None for v in x) else (None, None, None, 0)


def diff(a, b):
    return None if a is None or b is None else a - b


def main(sweeps, out):
    os.makedirs(out, exist_ok=True)
    e = dict(emergent=1, breakers=0, entry=0, auction=0)
    i = dict(emergent=0, breakers=1, entry=1, auction=1)
    for name in ("quadrants-factorial", "quadrants-factorial-markets", "quadrants-factorial-one-market"):
        if not os.path.exists(os.path.join(sweeps, name, "results.csv")):
            print("%s: not finished (no results.csv), left out" % name)
            continue
        runs = load(sweeps, name)
        keys = ["point", "seed", "open", "emergent", "breakers", "entry", "auction"] + [m for m, _ in METRICS]
        base.write(os.path.join(out, "runs-%s.csv" % name), keys, [[r.get(k) for k in keys] for r in runs])
        corners = {"EI": base.pick(runs, open=0, **e), "EP": base.pick(runs, open=1, **e),
                   "II": base.pick(runs, open=0, **i), "IP": base.pick(runs, open=1, **i)}
        rows = []
        for m, label in METRICS:
            if all(r.get(m) is None for r in runs):
                continue
            row = [m, label]
            for c in ("EI", "EP", "II", "IP"):
                level = interval([r[m] for r in corners[c].values()], base.bounds(m))[:3]
                base.check_inside("corners-%s.csv %s" % (name, c), m, *level[1:])
                row += list(level)
            seeds = sorted(set.intersection(*(set(c) for c in corners.values())))
            d = [diff(diff(corners["EP"][s][m], corners["EI"][s][m]), diff(corners["IP"][s][m], corners["II"][s][m]))
                 for s in seeds]
            row += list(interval(d))
            rows.append(row)
        base.write(os.path.join(out, "corners-%s.csv" % name), ["metric", "label"]
                   + [c + "." + k for c in ("EI", "EP", "II", "IP") for k in ("mean", "ci95_low", "ci95_high")]
                   + ["interaction.mean", "interaction.ci95_low", "interaction.ci95_high", "seeds"], rows)
        rows = []
        names = ["emergent", "breakers", "entry", "auction"]
        for lever in names:
            others = [n for n in names if n != lever]
            for m, _ in METRICS:
                if any(r.get(m) is None for r in runs):
                    continue  # a metric some cells lack (the services' opening epochs where no market opens)
                main_d, inter_d = [], []
                for seed in sorted({r["seed"] for r in runs}):
                    cells = {(r["open"], r[lever]) + tuple(r[o] for o in others): r[m] for r in runs
                             if r["seed"] == seed}
                    on = [v for k, v in cells.items() if k[1] == 1]
                    off = [v for k, v in cells.items() if k[1] == 0]
                    main_d.append(sum(on) / len(on) - sum(off) / len(off))
                    inter = [(v - cells[(0, 1) + k[2:]]) - (cells[(1, 0) + k[2:]] - cells[(0, 0) + k[2:]])
                             for k, v in cells.items() if k[0] == 1 and k[1] == 1]
                    inter_d.append(sum(inter) / len(inter))
                rows.append([lever, m] + list(base.interval(main_d)[:3]) + list(base.interval(inter_d)))
        base.write(os.path.join(out, "levers-%s.csv" % name), ["lever", "metric", "main.mean", "main.ci95_low",
                   "main.ci95_high", "x_permeable.mean", "x_permeable.ci95_low", "x_permeable.ci95_high", "seeds"],
                   rows)

    lhs(sweeps, out)
    gateway(sweeps, out)


GATEWAY_METRICS = ["peak_exposure", "end_exposure", "all_parties_exposure", "party_external_market_pnl",
                   "party_offshore_fund_pnl", "party_fees_pnl", "compute_price_error"]


def gateway(sweeps, out):
    """Every external party under each setting of the gateway's levers, against the factorial's impermeable corners."""
    names = ["quadrants-factorial"] + ["quadrants-factorial-gateway-" + c for c in ("emergent", "intentional")]
    if not all(os.path.exists(os.path.join(sweeps, n, "results.csv")) for n in names):
        print("the gateway sweeps are not finished, left out")
        return
    factorial, ge, gi = (load(sweeps, n) for n in names)
    ei = base.pick(factorial, open=0, emergent=1, breakers=0, entry=0, auction=0)
    ii = base.pick(factorial, open=0, emergent=0, breakers=1, entry=1, auction=1)
    rows = []
    for gb in (0, 1):
        for cap in (1000, "none"):
            for cur in ("floating", "pegged"):
                ep = base.pick(ge, gateway_breaker=gb, cap=cap, currency=cur)
                ip = base.pick(gi, gateway_breaker=gb, cap=cap, currency=cur)
                for m in GATEWAY_METRICS:
                    seeds = sorted(set(ep) & set(ip) & set(ei) & set(ii))
                    d = [(ep[s][m] - ei[s][m]) - (ip[s][m] - ii[s][m]) for s in seeds]
                    rows.append([gb, cap, cur, m] + list(interval([r[m] for r in ep.values()], base.bounds(m))[:3])
                                + list(interval([r[m] for r in ip.values()], base.bounds(m))[:3])
                                + list(interval(d)))
    base.write(os.path.join(out, "gateway-parties.csv"), ["gateway_breaker", "cap_per_principal", "currency",
               "metric", "EP.mean", "EP.ci95_low", "EP.ci95_high", "IP.mean", "IP.ci95_low", "IP.ci95_high",
               "interaction.mean", "interaction.ci95_low", "interaction.ci95_high", "seeds"], rows)


LHS_METRICS = ["data_price_error", "data_zi_efficiency", "data_book_volume", "otc_units", "peak_exposure",
               "all_parties_exposure", "party_offshore_data_fund_pnl", "cohort_gini_change.data-sellers",
               "compute_price_error"]


def lhs(sweeps, out):
    """The one-market interaction at each sampled point: its two corners, each closed and open, paired by seed."""
    names = ["quadrants-factorial-one-market-lhs-" + c for c in ("emergent", "intentional")]
    if not all(os.path.exists(os.path.join(sweeps, n, "results.csv")) for n in names):
        print("the one-market hypercube is not finished, left out")
        return
    e, i = (load(sweeps, n) for n in names)
    keys = ["point", "seed", "open", "emergent", "breakers", "entry", "auction"]  # the sample: lhs-one-market.csv
    keys += [m for m, _ in METRICS]
    for n, runs in zip(names, (e, i)):
        base.write(os.path.join(out, "runs-%s.csv" % n), keys, [[r.get(k) for k in keys] for r in runs])
    rows = []
    for point in sorted({r["point"] for r in e}):
        if e[[r["point"] for r in e].index(point)]["open"] == 1:
            continue
        # the grid's gateway.open varies fastest: points 2k (closed) and 2k + 1 (open) share sample k
        pe = [r for r in e if r["point"] in (point, point + 1)]
        pi = [r for r in i if r["point"] in (point, point + 1)]
        ei, ep, ii, ip = (base.pick(pe, open=0), base.pick(pe, open=1), base.pick(pi, open=0), base.pick(pi, open=1))
        scenario = json.load(open(os.path.join(sweeps, names[0], "scenarios", "p%04d.json" % point)))
        data_broker = next(c for c in scenario["population"] if c["name"] == "offshore-data")["params"]
        sample = [scenario["gateway"]["markets"][1]["depth"], scenario["gateway"].get("cap_per_principal"),
                  data_broker["threshold_ticks"], data_broker["activity"]]
        for m in LHS_METRICS:
            seeds = sorted(set(ei) & set(ep) & set(ii) & set(ip))
            d = [(ep[s][m] - ei[s][m]) - (ip[s][m] - ii[s][m]) for s in seeds]
            rows.append([point // 2] + sample + [m] + [interval([r[m] for r in c.values()])[0]
                                                        for c in (ei, ep, ii, ip)] + list(interval(d)))
    base.write(os.path.join(out, "lhs-one-market.csv"), ["sample", "data_link_depth", "cap_per_principal",
               "data_broker_threshold_ticks", "data_broker_activity", "metric", "EI.mean", "EP.mean", "II.mean",
               "IP.mean", "interaction.mean", "interaction.ci95_low", "interaction.ci95_high", "seeds"], rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
