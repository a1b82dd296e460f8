#!/usr/bin/env python3
"""Collects the adversary sweeps (docs/experiments/malicious-cohort.md, sybil-swarm.md) into this folder.

For each sweep directory given: its results.csv and summary.csv (the sweep's own per-seed rows and per-point means
with 95% intervals, bounded ones from MetricBounds), and <sweep>.json with, per point and seed, the linking
evaluation from summary.json, the groups the linking stage stopped (epoch, reason, principals) and the entry counts,
and the adaptive attackers' entries where the run has them.
Usage: python3 docs/results/adversary/collect.py SWEEP_DIR...
"""
import csv
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    for d in sys.argv[1:]:
        name = os.path.basename(os.path.normpath(d))
        for f in ("results.csv", "summary.csv"):
            shutil.copy(os.path.join(d, f), os.path.join(HERE, f"{name}.{f}"))
        runs = []
        for row in csv.DictReader(open(os.path.join(d, "results.csv"))):
            point = f"p{int(row['point']):04d}-s{row['seed']}"
            s = json.load(open(os.path.join(d, "points", point, "summary.json")))
            link = s["linking"]
            runs.append({"point": int(row["point"]), "seed": int(row["seed"]),
                         "state_checksum": s["state_checksum"],
                         "params": {k: row[k] for k in row if k.startswith(("population", "stages", "safety"))},
                         "evaluation": link["evaluation"],
                         "stopped": [{"epoch": k["epoch"], "reason": k["reason"], "principals": k["principals"]}
                                     for k in link["stopped"]],
                         "links": len(link["links"]),
                         "agents_admitted": s["safety"]["agents_admitted"],
                         "agents_refused": s["safety"]["agents_refused"],
                         "volume": s["markets"][0]["volume"],
                         **({"adaptive_attackers": s["adaptive_attackers"]} if "adaptive_attackers" in s else {})})
        with open(os.path.join(HERE, f"{name}.json"), "w") as out:
            json.dump({"sweep": name, "command": f"./vaesim sweep configs/sweeps/{name}.json --parallel 1",
                       "runs": runs}, out, indent=1)
            out.write("\n")


if __name__ == "__main__":
    main()
