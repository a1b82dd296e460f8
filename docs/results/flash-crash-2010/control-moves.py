#!/usr/bin/env python3
"""Issue 15 (M.3): how far the realistic market moves on its own, to choose breaker bands and pauses that leave
normal trading alone; the standard library only.

    ./vaesim sweep configs/sweeps/flash-crash-2010-realistic.json --no-parquet --out runs/fc-realistic
    python3 docs/results/flash-crash-2010/control-moves.py runs/fc-realistic \
        > docs/results/flash-crash-2010/control-moves.json

From each run's metrics.csv (points/p0000-*: the control without the sell program; points/p0001-*: with it) it
computes, over every epoch of the run (the bands act from epoch 0, the opening price standing before it):
  - what a circuit breaker tests: |p_t / mean(p_{t-5..t-1}) - 1|, the distance of the clearing price from the mean
    of the last 5 prices (docs/safety.md), in percent: quantiles over all epochs of all control runs and the largest;
  - what a volatility pause tests: |p_t / p_{t-L} - 1| for L = 5, 10, 20, 30, 50 epochs: the largest per control
    run (its quantiles over the runs), and per run with the program the largest fall from the start on.
"""
import csv
import glob
import json
import os
import sys

OPENING = 25.0
REFERENCE_EPOCHS = 5
START = 300
LAGS = [5, 10, 20, 30, 50]


def prices(run):
    with open(os.path.join(run, "metrics.csv"), newline="") as f:
        return [OPENING] + [float(r["asset.price"]) for r in csv.DictReader(f)]


def quantiles(values, qs=(0.5, 0.9, 0.99, 0.999)):
    v = sorted(values)
    out = {f"q{q * 100:g}": round(v[min(len(v) - 1, int(q * len(v)))], 3) for q in qs}
    out["max"] = round(v[-1], 3)
    return out


def main(sweep):
    control = [prices(r) for r in sorted(glob.glob(os.path.join(sweep, "points", "p0000-*")))]
    program = [prices(r) for r in sorted(glob.glob(os.path.join(sweep, "points", "p0001-*")))]
    band = []
    for p in control:
        padded = [OPENING] * (REFERENCE_EPOCHS - 1) + p
        for t in range(REFERENCE_EPOCHS, len(padded)):
            ref = sum(padded[t - REFERENCE_EPOCHS:t]) / REFERENCE_EPOCHS
            band.append(abs(padded[t] / ref - 1) * 100)
    moves = {}
    for lag in LAGS:
        per_run = [max(abs(p[t] / p[t - lag] - 1) * 100 for t in range(lag, len(p))) for p in control]
        falls = [max((1 - p[t] / p[t - lag]) * 100 for t in range(START + 1, len(p))) for p in program]
        moves[str(lag)] = {"control_largest_move_per_run": quantiles(per_run, (0.5, 0.9)),
                           "program_largest_fall_after_start": sorted(round(x, 2) for x in falls)}
    json.dump({"control_runs": len(control), "program_runs": len(program),
               "breaker_distance_from_mean_of_last_5_percent": dict(quantiles(band), epochs=len(band)),
               "moves_over_lag_epochs_percent": moves}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
