#!/usr/bin/env python3
"""Writes the adaptive-adversary scenarios of docs/experiments/malicious-cohort.md and sybil-swarm.md.

The honest economy is malicious-cohort.json's at one tenth of its size (500 ZI buyers and 500 sellers of
principal labs, 200 fundamentalists of funds, 10 market makers of makers) plus 100 honest newcomers
(principal newlabs, 50 an epoch from epoch 10), so that the entry checks have honest agents to refuse.
Every cohort is scoped to orders of at most 20 units and 2 orders per epoch (burst 4); the kill rules stop
a principal with 10 rejected orders in an epoch (100 in the full-size economy) or a 5% loss.
Run from the repository root: python3 configs/adversary/generate.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SCOPE = {"max_order_qty": 20, "orders_per_epoch": 2, "burst": 4}


def honest():
    zi = {"value_min": 8.0, "value_max": 12.0, "units": 1, "period": 20}
    return [
        {"name": "buyers", "strategy": "zi-c", "market": "compute", "count": 500, "cash": 1000,
         "principal": "labs", "params": dict(zi, side="buy"), "scope": SCOPE},
        {"name": "sellers", "strategy": "zi-c", "market": "compute", "count": 500, "inventory": 100,
         "principal": "labs", "params": dict(zi, side="sell"), "scope": SCOPE},
        {"name": "value", "strategy": "fundamentalist", "market": "compute", "count": 200, "cash": 2000,
         "inventory": 100, "principal": "funds",
         "params": {"dispersion_ticks": 30, "threshold_ticks": 10, "reaction": 0.05, "max_qty": 5, "activity": 0.2},
         "scope": SCOPE},
        {"name": "makers", "strategy": "market-maker", "market": "compute", "count": 10, "cash": 50000,
         "inventory": 500, "principal": "makers",
         "params": {"half_spread_ticks": 5, "quote_qty": 10, "max_inventory": 1000, "skew_ticks": 5},
         "scope": SCOPE},
        {"name": "newcomers", "strategy": "zi-c", "market": "compute", "count": 100, "cash": 1000,
         "principal": "newlabs",
         "arrival": {"from_epoch": 10, "per_epoch": 50, "declared_capability": 0.7, "hidden_capability": 0.7},
         "params": dict(zi, side="buy"), "scope": SCOPE},
    ]


def scenario(name, description, population, safety, linking, epochs):
    return {"name": name, "description": description, "seed": 777, "epochs": epochs, "metrics_every": 10,
            "checkpoint_every": 0,
            "markets": [{"name": "compute", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                         "initial_price": 10.0, "fee_bps": 5}],
            "population": population, "safety": safety, "stages": {"linking": linking}}


KILL_RULES = [{"when": "rejections", "count": 10}, {"when": "loss", "percent": 5}]
LINKING = {"width_ticks": 4, "min_orders": 20, "min_similarity": 0.9, "link_epochs": 3, "timing_epochs": 3,
           "max_agents": 100,
           "aggressive_ticks": 0, "wash_share": 0.5, "wash_epochs": 5, "enforce": True}


def wash():
    """One principal's 20 manipulators wash trading at the scope's limit (qty 20, swept)."""
    cohort = {"name": "shady", "strategy": "manipulator", "market": "compute", "count": 20, "cash": 100000,
              "inventory": 5000, "principal": "shady-ops",
              "params": {"qty": 20, "wash_ticks": 30, "activity": 1.0}, "scope": SCOPE}
    entry = {"min_capability": 0.5, "max_agents_per_principal": 100, "initial_reputation": 0.5}
    return scenario("adversary-wash",
                    "Adaptive malicious cohort (docs/experiments/malicious-cohort.md): 20 manipulators of one principal"
                    " wash trade inside their scope (orders of at most 20 units) in the honest economy of"
                    " configs/adversary/generate.py; the linking stage's wash rule watches every principal.",
                    honest() + [cohort], {"kill_rules": KILL_RULES, "entry": entry}, dict(LINKING), 100)


def wash_drawn():
    """The wash attack drawn per seed (docs/experiments/malicious-cohort.md#detector-thresholds-and-drawn-attackers):
    the 20 manipulators of wash() arrive at epochs drawn uniformly from 0 to 30 (the attack's start and ramp),
    each agent's side is a coin per seed (how many buy, and which), and each order's size is drawn from 2 to 20
    units; the distance through the price is fixed (30 ticks) here and swept. The linking stage only flags
    (enforce false), so that every principal is judged over the whole run: a detector's ROC, not a control's
    effect on the market."""
    cohort = {"name": "shady", "strategy": "manipulator", "market": "compute", "count": 20, "cash": 100000,
              "inventory": 5000, "principal": "shady-ops",
              "arrival": {"from_epoch": 0, "until_epoch": 30, "declared_capability": 0.9},
              "params": {"qty": 20, "qty_min": 2, "wash_ticks": 30, "wash_ticks_min": 30, "activity": 1.0,
                         "drawn_sides": True}, "scope": SCOPE}
    entry = {"min_capability": 0.5, "max_agents_per_principal": 100, "initial_reputation": 0.5}
    return scenario("adversary-wash-drawn",
                    "Malicious cohort drawn per seed (docs/experiments/malicious-cohort.md): 20 manipulators of one"
                    " principal arriving at epochs drawn from 0 to 30, sides drawn per agent, orders of 2 to 20 units;"
                    " the linking stage flags only. The honest economy of configs/adversary/generate.py.",
                    honest() + [cohort], {"kill_rules": KILL_RULES, "entry": entry},
                    dict(LINKING, enforce=False, record_fingerprints=True), 100)


SELF_TRADE = {"self_trade_share": 0.3, "self_trade_epochs": 10}


def wash_self(adaptive=False):
    """The drawn attacker of wash_drawn() against the self-trading rule (docs/experiments/malicious-cohort.md#the-
    self-trading-rule): flag-only with fingerprints (for the replay over the rule's thresholds), or, with
    `adaptive`, the rule at a share of 0.25 over 20 epochs (flag-only; enforced in one sweep) against an attacker
    that watches its own share over 20 epochs and pauses while it is at or above its line (swept); the wash rule is
    off (wash_epochs 0), so that the self-trading rule is the one being evaded."""
    body = wash_drawn()
    shady = body["population"][-1]
    if adaptive:
        shady["params"]["watch"] = {"share": 0.25, "epochs": 20, "activity": 0}
        body["name"] = "adversary-wash-self-adaptive"
        body["description"] = ("The drawn malicious cohort of wash-drawn.json, watching its own self-trading share"
                               " (docs/experiments/malicious-cohort.md): it pauses while its units traded with itself"
                               " over 20 epochs are at least its line of the market's volume; the linking stage's"
                               " self-trading rule (0.25 over 20 epochs) flags.")
        body["stages"]["linking"] = dict(LINKING, wash_epochs=0, enforce=False, self_trade_share=0.25,
                                         self_trade_epochs=20)
    else:
        body["name"] = "adversary-wash-self"
        body["description"] = ("The drawn malicious cohort of wash-drawn.json against the self-trading rule"
                               " (docs/experiments/malicious-cohort.md): flag-only, fingerprints recorded for the"
                               " replay over the rule's thresholds.")
        body["stages"]["linking"] = dict(body["stages"]["linking"], **SELF_TRADE)
    return body


def swarm(principals, spread, stagger, drawn=False):
    """500 swarm agents split over `principals` principals of equal size; principal k arrives from epoch
    10 + stagger * k and washes `30 - spread * k / (principals - 1)` ticks through the price (spread 0: all alike).
    Drawn: each agent arrives at an epoch drawn from 10 + stagger * k to 5 epochs later, its side is a coin per
    seed and each order is 1 or 2 units, so that seeds change the swarm's timing and balance."""
    size = 500 // principals
    cohorts = []
    for k in range(principals):
        ticks = 30 - (spread * k // (principals - 1) if principals > 1 else 0)
        arrival = {"from_epoch": 10 + stagger * k, "per_epoch": max(1, size // 2),
                   "declared_capability": 0.9, "hidden_capability": 0.3}
        params = {"qty": 2, "wash_ticks": ticks, "activity": 1.0}
        if drawn:
            arrival = {"from_epoch": 10 + stagger * k, "until_epoch": 15 + stagger * k,
                       "declared_capability": 0.9, "hidden_capability": 0.3}
            params = dict(params, qty_min=1, drawn_sides=True)
        cohorts.append({"name": f"swarm{k}", "strategy": "manipulator", "market": "compute", "count": size,
                        "cash": 10000, "inventory": 1000, "principal": f"swarm-ops-{k}",
                        "arrival": arrival, "params": params, "scope": SCOPE})
    entry = {"min_capability": 0.5, "max_agents_per_principal": 100, "initial_reputation": 0.5}
    return scenario(f"adversary-sybil-{principals}p-spread{spread}-stagger{stagger}" + ("-drawn" if drawn else ""),
                    f"Sybil swarm (docs/experiments/sybil-swarm.md): 500 manipulators split over {principals}"
                    f" principal(s) under the entry cap of 100 each, arriving {stagger} epochs apart, wash orders"
                    f" of 2 units"
                    f" {30 - spread}..30 ticks"
                    " through the price, declared capability 0.9 over a true 0.3; the honest economy of"
                    " configs/adversary/generate.py." + (" Drawn per seed: each agent's arrival epoch (within 5"
                                                          " epochs), its side, and each order's size (1 or 2 units)."
                                                          if drawn else ""),
                    honest() + cohorts,
                    {"kill_rules": KILL_RULES, "entry": entry, "probation": {"below_reputation": 0.6,
                                                                             "max_order_qty": 2}},
                    dict(LINKING), 60)


def main():
    files = {"wash.json": wash(), "wash-drawn.json": wash_drawn(), "wash-self.json": wash_self(),
             "wash-self-adaptive.json": wash_self(adaptive=True)}
    for principals in (1, 5, 20):
        variants = ((0, 0),) if principals == 1 else ((0, 0), (16, 0), (0, 2)) + (((0, 5),) if principals == 5 else ())
        for spread, stagger in variants:
            files[f"sybil-{principals}p-spread{spread}-stagger{stagger}.json"] = swarm(principals, spread, stagger)
    for principals, spread in ((5, 0), (5, 16), (20, 16)):
        files[f"sybil-{principals}p-spread{spread}-stagger0-drawn.json"] = swarm(principals, spread, 0, drawn=True)
    for name, body in files.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(body, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
