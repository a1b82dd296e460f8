#!/usr/bin/env python3
"""Issue 15 (M.3): how far the realistic market moves on its own, to choose breaker bands and pauses that leave
normal trading alone; the standard library only.

    ./vaesim sweep configs/sweeps/flash-crash-2010-realistic.json --no-parquet --out runs/fc-realistic
    python3 docs/results/flash-crash-2010/control-moves.py runs/fc-realistic \
        > docs/results/flash-crash-2010/control-moves.json

From each run's metrics.csv (points/p0000-*: the control without the sell program; points/p0001-*: with it) it
computes, over every epoch of the run (the bands act from epoch 0, the opening price standing before it):
  - what a circuit breaker tests: |p_t / mean(p_{t-5..t-1}) - 1|, the distance of the clearing price from the mean
    of the last 5 prices (docs/safety.md), in percent: quantiles over all epochs of the runs, and the largest, for
    the control and for the runs with the program;
  - what a volatility pause tests: |p_t / p_{t-L} - 1| for L = 5, 10, 20, 30, 50 epochs: the largest per control
    run (its quantiles over the runs), the largest in any run with the program, and per run with the program the
    largest fall from the start on (sorted).
A band or pause wider than the largest of these on every path never fires on them, so the runs with it are the
runs without it.
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


def distances(runs):
    """Every epoch's |p_t / mean(p_{t-5..t-1}) - 1| in percent, the opening price standing before epoch 0."""
    out = []
    for p in runs:
        padded = [OPENING] * (REFERENCE_EPOCHS - 1) + p
        for t in range(REFERENCE_EPOCHS, len(padded)):
            ref = sum(padded[t - REFERENCE_EPOCHS:t]) / REFERENCE_EPOCHS
            out.append(abs(padded[t] / ref - 1) * 100)
    return out


def largest_move(p, lag):
    return max(abs(p[t] / p[t - lag] - 1) * 100 for t in range(lag, len(p)))


def main(sweep):
    control = [prices(r) for r in sorted(glob.glob(os.path.join(sweep, "points", "p0000-*")))]
    program = [prices(r) for r in sorted(glob.glob(os.path.join(sweep, "points", "p0001-*")))]
    moves = {}
    for lag in LAGS:
        per_run = [largest_move(p, lag) for p in control]
        falls = [max((1 - p[t] / p[t - lag]) * 100 for t in range(START + 1, len(p))) for p in program]
        moves[str(lag)] = {"control_largest_move_per_run": quantiles(per_run, (0.5, 0.9)),
                           "program_largest_move_in_any_run": round(max(largest_move(p, lag) for p in program), 3),
                           "program_largest_fall_after_start": " ".join(f"{x:.2f}" for x in sorted(falls))}
    json.dump({"control_runs": len(control), "program_runs": len(program),
               "breaker_distance_from_mean_of_last_5_percent": {
                   "control": dict(quantiles(distances(control)), epochs=len(distances(control))),
                   "program": dict(quantiles(distances(program)), epochs=len(distances(program)))},
               "moves_over_lag_epochs_percent": moves}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
