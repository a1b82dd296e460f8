#!/usr/bin/env python3
"""Issue 15 (M.2) acceptance figures from `vaesim sweep` outputs; the standard library only.

    python3 docs/results/stylized-facts/summarise.py NAME=SWEEP_DIR ... [--market asset] [--out DIR]

For each sweep directory it reads every run's summary.json `facts` block (written by vaesim itself, docs/facts.md)
for the market, and writes into DIR (default: this script's folder):
  - facts-NAME.json: the per-seed figures and, per figure, the mean over seeds with its two-sided 95% Student-t
    interval (mean +- t(n-1) s / sqrt(n), as the sweep's summary.csv) and how many seeds meet issue 15's target;
  - NAME-{acf-returns,acf-volatility,hill,distribution}.svg: the acf of r, the acf of |r| and r^2, the Hill plot and
    the return distribution against a Gaussian (log scale) of the first seed's run, the charts of its report.html
    made standalone as vaesim's own LineChart.standaloneSvg does (the report's styles inside);
and prints a Markdown table per sweep.
"""
import json
import math
import os
import re
import sys

# two-sided 95% quantiles of Student's t, df = 1..30
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]

# (key, label, target text, test on one value or None)
FIGURES = [
    ("return_acf_lag1", "return autocorrelation, lag 1", "(none)", None),
    ("max_abs_return_acf_lags_2_20", "largest \\|return autocorrelation\\|, lags 2-20", "< 0.1", lambda v: v < 0.1),
    ("hill_right", "Hill index, right tail (k = 2.5% of n)", "2.5 - 5", lambda v: 2.5 <= v <= 5),
    ("hill_left", "Hill index, left tail (k = 2.5% of n)", "2.5 - 5", lambda v: 2.5 <= v <= 5),
    ("abs_return_acf_lag1", "\\|r\\| autocorrelation, lag 1", "0.1 - 0.5", lambda v: 0.1 <= v <= 0.5),
    ("abs_return_acf_lag20", "\\|r\\| autocorrelation, lag 20", "> 0", lambda v: v > 0),
    ("abs_return_acf_lag20_over_band", "\\|r\\| autocorrelation at lag 20 minus the 95% band 1.96/sqrt(n)",
     "> 0 (vaesim facts' verdict)", lambda v: v > 0),
    ("abs_return_acf_lag100", "\\|r\\| autocorrelation, lag 100", "(none)", None),
    ("excess_kurtosis_1", "excess kurtosis, 1 epoch", "> 1", lambda v: v > 1),
    ("excess_kurtosis_5", "excess kurtosis, 5 epochs", "< 1 epoch's", None),
    ("excess_kurtosis_20", "excess kurtosis, 20 epochs", "< 1 epoch's", None),
    ("zero_return_share", "share of zero returns", "(none)", None),
    ("facts_held", "facts that hold (of `facts_judged`)", "(none)", None),
]


def seed_figures(block):
    acf = block["return_acf"]
    absacf = block["abs_return_acf"]
    kurt = {k["horizon"]: k["value"] for k in block["excess_kurtosis"]}
    return {
        "returns": block["returns"],
        "from_epoch": block["from_epoch"],
        "return_acf_lag1": acf[0],
        "max_abs_return_acf_lags_2_20": max(abs(x) for x in acf[1:20]),
        "hill_right": block["hill"]["right"]["alpha"],
        "hill_left": block["hill"]["left"]["alpha"],
        "abs_return_acf_lag1": absacf[0],
        "abs_return_acf_lag20": absacf[19],
        "abs_return_acf_lag20_over_band": absacf[19] - block["acf_band"],
        "abs_return_acf_lag100": absacf[99],
        "excess_kurtosis_1": kurt[1],
        "excess_kurtosis_5": kurt[5],
        "excess_kurtosis_20": kurt[20],
        "zero_return_share": block["zero_return_share"],
        "facts_held": block["facts_held"],
        "facts_judged": block["facts_judged"],
        "verdicts": {f["key"]: f["holds"] for f in block["facts"]},
    }


def interval(values):
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    t = T975[n - 2] if n - 1 <= len(T975) else 1.96
    half = t * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def meets(key, fig):
    """Whether one seed meets issue 15's target for this figure (None: no target)."""
    if key in ("excess_kurtosis_5", "excess_kurtosis_20"):
        return fig[key] < fig["excess_kurtosis_1"]
    test = next(t for k, _, _, t in FIGURES if k == key)
    return None if test is None else bool(test(fig[key]))


def runs(sweep_dir):
    points = os.path.join(sweep_dir, "points")
    for name in sorted(os.listdir(points), key=lambda p: int(p.split("-s")[1])):
        run = os.path.join(points, name)
        with open(os.path.join(run, "summary.json")) as f:
            summary = json.load(f)
        if summary["status"] == "complete":
            yield int(name.split("-s")[1]), run, summary


# the report's facts charts, by the start of their title after "MARKET: "
CHARTS = {"autocorrelation of returns": "acf-returns", "autocorrelation of |r|": "acf-volatility",
          "Hill plot": "hill", "distribution of standardized returns": "distribution"}


def svgs(report_html, market):
    """(file suffix, standalone SVG) of the report's facts charts of the market, with the report's styles inside."""
    with open(report_html, encoding="utf-8") as f:
        html = f.read()
    style = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1).replace("\n", "")
    out = []
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        label = re.search(r'aria-label="([^"]*)"', svg).group(1)
        for start, slug in CHARTS.items():
            if label.startswith(market + ": " + start):
                close = svg.index(">") + 1
                out.append((slug, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg[:close]
                            + "<style>svg{font-family:system-ui,sans-serif;background:#fff}" + style + "</style>"
                            + '<rect width="100%" height="100%" fill="#fff"/>' + svg[close:] + "\n"))
    return out


def main(argv):
    market, out_dir, sweeps = "asset", os.path.dirname(os.path.abspath(__file__)), []
    it = iter(argv)
    for a in it:
        if a == "--market":
            market = next(it)
        elif a == "--out":
            out_dir = next(it)
        else:
            name, _, path = a.partition("=")
            sweeps.append((name, path))
    for name, path in sweeps:
        per_seed, first_run = [], None
        for seed, run, summary in runs(path):
            block = next((b for b in summary["facts"] if b["market"] == market), None)
            if block is None or "error" in block:
                sys.exit(f"{run}/summary.json: no facts for market {market!r}"
                         + (f": {block['error']}" if block else ""))
            per_seed.append(dict(seed=seed, state_checksum=summary.get("state_checksum"), **seed_figures(block)))
            first_run = first_run or run
        stats = {}
        for key, label, target, _ in FIGURES:
            values = [s[key] for s in per_seed]
            mean, low, high = interval(values)
            met = [meets(key, s) for s in per_seed]
            stats[key] = {"label": label, "target": target, "mean": mean, "ci95": [low, high],
                          "min": min(values), "max": max(values),
                          "seeds_meeting_target": None if met[0] is None else sum(met)}
        result = {"sweep": name, "market": market, "seeds": [s["seed"] for s in per_seed], "figures": stats,
                  "per_seed": per_seed}
        with open(os.path.join(out_dir, "facts-" + name + ".json"), "w") as f:
            json.dump(result, f, indent=1)
        for slug, svg in svgs(os.path.join(first_run, "report.html"), market):
            with open(os.path.join(out_dir, name + "-" + slug + ".svg"), "w", encoding="utf-8") as f:
                f.write(svg)
        n = len(per_seed)
        print(f"\n**{name}** ({n} seeds, {per_seed[0]['returns']} returns each after epoch "
              f"{per_seed[0]['from_epoch']})\n")
        print("| figure | mean [95% interval] | range over seeds | target | seeds meeting it |")
        print("|---|---|---|---|---|")
        for key, label, target, _ in FIGURES:
            s = stats[key]
            lo, hi = s["ci95"]
            seeds = "" if s["seeds_meeting_target"] is None else f"{s['seeds_meeting_target']}/{n}"
            print(f"| {label} | {s['mean']:.3f} [{lo:.3f}, {hi:.3f}] | {s['min']:.3f} .. {s['max']:.3f} | {target} "
                  f"| {seeds} |")


if __name__ == "__main__":
    main(sys.argv[1:])
