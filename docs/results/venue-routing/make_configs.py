#!/usr/bin/env python3
"""Writes configs/venue-routing/*.json: two venues of one good, a flash-crash sell algorithm on venue a.

Run from the repository root: python3 docs/results/venue-routing/make_configs.py
"""
import copy
import json
import pathlib

OUT = pathlib.Path("configs/venue-routing")
GROUPS = 5  # routing groups: value investors at home on venue b, each routing on its own drawn threshold


def market(name):
    return {"name": name, "resource": "asset", "good": "asset", "tick_size": 0.01, "ticks": 4000,
            "initial_price": 20.0, "fee_bps": 1}


def value(name, venue, count):
    return {"name": name, "strategy": "fundamentalist", "market": venue, "count": count, "cash": 100000,
            "inventory": 200, "params": {"dispersion_ticks": 20, "threshold_ticks": 100, "reaction": 0.1,
                                         "max_qty": 10, "activity": 0.2}}


def noise(name, venue):
    return {"name": name, "strategy": "noise", "market": venue, "count": 200, "cash": 20000, "inventory": 200,
            "params": {"activity": 0.05, "size_min": 1, "tail": 2.5, "max_qty": 20, "reach_ticks": 20,
                       "max_position": 400}}


def router(name, count=160):
    # value investors with a narrower band (30 ticks, 1.5%) than the venues' own (100 ticks): the liquidity that
    # routing can bring to a falling venue
    return {"name": name, "strategy": "fundamentalist", "market": "b", "count": count, "cash": 100000,
            "inventory": 200, "params": {"dispersion_ticks": 10, "threshold_ticks": 30, "reaction": 0.1,
                                         "max_qty": 10, "activity": 0.2}}


def hft(name, venue):
    return {"name": name, "strategy": "hft", "market": venue, "count": 500, "cash": 20000, "inventory": 0,
            "params": {"quote_qty": 2, "max_inventory": 30, "aggression_ticks": 10}}


def base():
    population = [value("value-a", "a", 1600), hft("hft-a", "a"), noise("noise-a", "a"),
                  value("value-b", "b", 1600), hft("hft-b", "b"), noise("noise-b", "b"),
                  {"name": "seller", "strategy": "execution", "market": "a", "count": 1, "inventory": 600,
                   "params": {"side": "sell", "target_qty": 600, "participation": 0.09, "start_epoch": 100}}]
    population += [router("router-%d" % (g + 1)) for g in range(GROUPS)]
    return {
        "name": "venue-routing-off",
        "description": "Two venues of one good (asset): the flash-crash pattern of configs/flash-crash.json at "
                       "about a tenth of its size on venue a (a sell algorithm from epoch 100), the same "
                       "background without it on venue b, and five groups of value investors at home on b. "
                       "Routing off: the groups stay on b. See docs/experiments/venue-routing.md.",
        "seed": 1, "epochs": 300, "metrics_every": 1,
        "markets": [market("a"), market("b")],
        "population": population,
    }


def routing(threshold_min, threshold_max):
    return {"groups": [{"cohort": "router-%d" % (g + 1), "venues": ["b", "a"], "side": "buy",
                        "threshold_ticks": threshold_min, "threshold_max_ticks": threshold_max}
                       for g in range(GROUPS)]}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    breaker = {"circuit_breaker": {"markets": {"a": 3}, "reference_epochs": 5, "halt_epochs": 5}}
    variants = {}
    off = base()
    variants["off"] = off
    on = copy.deepcopy(off)
    on["name"] = "venue-routing-on"
    on["description"] = on["description"].replace("Routing off: the groups stay on b.",
                                                  "Routing on: each group buys on the cheaper venue once the gap "
                                                  "reaches its threshold, drawn per seed in [10, 50] ticks.")
    on["stages"] = {"routing": routing(10, 50)}
    variants["on"] = on
    for key in ("off", "on"):
        b = copy.deepcopy(variants[key])
        b["name"] += "-breaker"
        b["description"] += " With a 3% circuit breaker on venue a only."
        b["safety"] = breaker
        variants[key + "-breaker"] = b
    # the no-seller control: the same economies with a program of 1 unit (as in docs/experiments/flash-crash.md)
    for key in ("off", "on"):
        v = copy.deepcopy(variants[key])
        v["name"] += "-no-seller"
        v["description"] += " Control: the sell algorithm sells 1 unit."
        for c in v["population"]:
            if c["name"] == "seller":
                c["params"]["target_qty"] = 1
        variants[key + "-no-seller"] = v
    # sensitivity (routing on, no breaker): the threshold range, and the routers' count per group
    for lo, hi in ((1, 5), (50, 150)):
        v = copy.deepcopy(on)
        v["name"] = "venue-routing-on-threshold-%d-%d" % (lo, hi)
        v["description"] += " Sensitivity: thresholds drawn in [%d, %d] ticks." % (lo, hi)
        v["stages"] = {"routing": routing(lo, hi)}
        variants["on-threshold-%d-%d" % (lo, hi)] = v
    for count in (80, 320):
        for key in ("off", "on"):
            v = copy.deepcopy(variants[key])
            v["name"] += "-routers-%d" % (GROUPS * count)
            v["description"] += " Sensitivity: %d routers (%d a group)." % (GROUPS * count, count)
            for c in v["population"]:
                if c["name"].startswith("router-"):
                    c["count"] = count
            variants["%s-routers-%d" % (key, GROUPS * count)] = v
    for key, scenario in variants.items():
        (OUT / (key + ".json")).write_text(json.dumps(scenario, indent=2) + "\n")


if __name__ == "__main__":
    main()
