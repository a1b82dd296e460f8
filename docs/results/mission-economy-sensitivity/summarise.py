#!/usr/bin/env python3
"""Issue 18 (Q.5) tables of the mission economy's sensitivity sweeps, from `vaesim sweep` outputs; standard library.

    python3 docs/results/mission-economy-sensitivity/summarise.py SWEEP_DIR [SWEEP_DIR ...]

For each sweep directory it reads results.csv (one row per point and seed) and groups the rows into cells: the
points that differ only in the mission's policy lever. Per cell it prints, as Markdown, the mean over the seeds of
each lever's tasks done (mission_completion) and delivery rate (completion), the lever that completes most (or
`tie`), the seeds that name the same winner, and the per-seed difference between reputation weighting and no lever;
then, over all runs, how often reputation weighting raises or lowers each measure against no lever (same cell, seed).
It only rearranges numbers vaesim wrote; the robustness report (robustness.json) is vaesim's own.
"""
import csv
import json
import sys

LEVERS = {"{}": "none", "subsidy": "subsidy", "tax": "tax", "reputation_weight": "reputation"}
ORDER = ["none", "subsidy", "tax", "reputation", "all three"]
POLICY = "missions[protein-map].policy"
PAIRWISE = ["mission_completion", "completion", "mean_winner_capability", "cost_per_completed_task",
            "free_riding_share", "payment_hhi"]


def lever(policy):
    """The short name of a policy object as the grid writes it."""
    p = json.loads(policy)
    if len(p) == 0:
        return "none"
    if len(p) > 2 or ("subsidy" in p and "tax" in p):
        return "all three"
    return "subsidy" if "subsidy" in p else "tax" if "tax" in p else "reputation"


def winner(values):
    """The lever with the strictly highest value, or 'tie' (what the robustness report calls a tie)."""
    top = max(values.values())
    best = [k for k in ORDER if k in values and values[k] == top]
    return best[0] if len(best) == 1 else "tie (" + ", ".join(best) + ")"


def short(name):
    return name.replace("missions[protein-map].", "").replace("population[swarm].count", "swarm")


def summarise(directory):
    rows = list(csv.DictReader(open(directory + "/results.csv", newline="")))
    header = list(rows[0].keys())
    params = [h for h in header[2:header.index("state_checksum")] if h != POLICY
              and len({r[h] for r in rows}) > 1]
    cells = {}
    for r in rows:
        key = tuple(r[p] for p in params)
        cells.setdefault(key, {}).setdefault(int(r["seed"]), {})[lever(r[POLICY])] = r
    print("### " + directory.rstrip("/").split("/")[-1])
    print()
    print("| " + " | ".join(short(p) for p in params) + " | tasks done: " + " / ".join(ORDER)
          + " | most tasks done | seeds agreeing | delivery rate: none / reputation | reputation - none, per seed |")
    print("|" + "---|" * (len(params) + 5))
    switches = {}
    for key in sorted(cells, key=lambda k: [float(x) for x in k]):
        seeds = cells[key]
        mean = {lv: sum(float(seeds[s][lv]["protein-map.mission_completion"]) for s in seeds) / len(seeds)
                for lv in ORDER}
        rate = {lv: sum(float(seeds[s][lv]["protein-map.completion"]) for s in seeds) / len(seeds)
                for lv in ("none", "reputation")}
        w = winner(mean)
        per_seed = [winner({lv: float(seeds[s][lv]["protein-map.mission_completion"]) for lv in ORDER})
                    for s in sorted(seeds)]
        diff = ["%+.3f" % (float(seeds[s]["reputation"]["protein-map.mission_completion"])
                           - float(seeds[s]["none"]["protein-map.mission_completion"])) for s in sorted(seeds)]
        switches[w] = switches.get(w, 0) + 1
        print("| " + " | ".join(key) + " | " + " / ".join("%.4f" % mean[lv] for lv in ORDER) + " | " + w
              + " | %d of %d" % (sum(1 for x in per_seed if x == w), len(per_seed))
              + " | %.3f / %.3f" % (rate["none"], rate["reputation"]) + " | " + " ".join(diff) + " |")
    print()
    print("Cells won, by lever: " + ", ".join("%s %d" % (k, v) for k, v in sorted(switches.items())) + " of %d."
          % len(cells))
    print()
    print("Reputation weighting against no lever, run by run (the same cell and seed):")
    print()
    print("| measure | runs where reputation is higher | lower | equal |")
    print("|---|---|---|---|")
    for m in PAIRWISE:
        d = [float(seeds[s]["reputation"]["protein-map." + m]) - float(seeds[s]["none"]["protein-map." + m])
             for seeds in cells.values() for s in seeds]
        print("| %s | %d | %d | %d |" % (m, sum(x > 0 for x in d), sum(x < 0 for x in d), sum(x == 0 for x in d)))
    print()


if __name__ == "__main__":
    for d in sys.argv[1:]:
        summarise(d)
