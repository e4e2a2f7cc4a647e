#!/usr/bin/env python3
"""Markdown table of training runs, with mean ± sd per group.

    scripts/accuracy-table.py GROUP=RUN_DIR [GROUP=RUN_DIR ...]

Each RUN_DIR is an output directory of `dialogue-acts train` (metrics.jsonl, valid/report.json).
Runs that share a GROUP name (for example three seeds of one config) get a mean ± sd row
(sample standard deviation). Prints the table on stdout.
"""
import json
import os
import statistics
import sys


def load(run):
    report = os.path.join(run, "valid", "report.json")
    metrics = os.path.join(run, "metrics.jsonl")
    for path in (report, metrics):
        if not os.path.exists(path):
            sys.exit(f"error: {path}: file not found (did the run finish?)")
    valid = json.load(open(report))
    epochs = [json.loads(line) for line in open(metrics) if line.strip()]
    best = max(epochs, key=lambda e: (e["valid_accuracy"], -e["epoch"]))
    minutes = sum(e["seconds"] + e.get("valid_seconds", 0) for e in epochs) / 60
    return valid["accuracy"], valid["macro_f1"], best["epoch"], len(epochs), minutes


def main(args):
    if not args or any("=" not in a for a in args):
        sys.exit(__doc__.strip().splitlines()[2].strip().join(["usage: ", ""]))
    groups = {}
    print("| run | valid accuracy | valid macro-F1 | best epoch | epochs | train minutes |")
    print("|---|---:|---:|---:|---:|---:|")
    for arg in args:
        group, run = arg.split("=", 1)
        accuracy, f1, best, epochs, minutes = load(run)
        groups.setdefault(group, []).append((accuracy, f1))
        print(f"| {group} (`{run}`) | {accuracy:.2%} | {f1:.2%} | {best} | {epochs} | {minutes:.1f} |")
    for group, values in groups.items():
        if len(values) < 2:
            continue
        acc = [v[0] for v in values]
        f1 = [v[1] for v in values]
        print(f"| **{group}: mean ± sd of {len(values)}** | **{statistics.mean(acc):.2%} ± {statistics.stdev(acc):.2%}** "
              f"| {statistics.mean(f1):.2%} ± {statistics.stdev(f1):.2%} | | | |")


if __name__ == "__main__":
    main(sys.argv[1:])
