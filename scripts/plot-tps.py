#!/usr/bin/env python3
"""Draws kith-bench's figures (its --json file) as a bar chart: per workload, extrinsics included and
finalized per second, with what the weights let one block hold per second beside them.

    scripts/plot-tps.py docs/throughput.json docs/throughput.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(source, target):
    with open(source) as f:
        run = json.load(f)
    workloads = run["workloads"]
    names = [w["name"] for w in workloads]
    included = [w["included_per_second"] or 0 for w in workloads]
    finalized = [w["finalized_per_second"] or 0 for w in workloads]
    by_weight = [w["weights_allow_per_second"] or 0 for w in workloads]
    x = range(len(names))
    width = 0.27
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=120)
    ax.bar([i - width for i in x], included, width, label="included / s")
    ax.bar(list(x), finalized, width, label="finalized / s")
    ax.bar([i + width for i in x], by_weight, width, label="what the weights allow / s", alpha=0.5)
    for i, value in enumerate(included):
        ax.annotate(f"{value:.0f}", (i - width, value), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(x), names)
    ax.set_ylabel("extrinsics per second")
    ax.set_title(f"Kith, one node: {run['cpu']} ({run['cores']} cores)", fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: plot-tps.py <kith-bench.json> <plot.png>")
    main(sys.argv[1], sys.argv[2])
