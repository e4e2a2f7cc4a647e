#!/usr/bin/env python3
"""Accuracy of an ensemble of trained models, measured from their predictions.

    dialogue-acts predict --model RUN/model.zip --input CORPUS/valid.csv --output RUN.jsonl --top-k K
    scripts/ensemble-accuracy.py CORPUS/valid.csv LABEL_COLUMN RUN1.jsonl RUN2.jsonl ...

Each prediction file must come from `predict` with --top-k at least the number of labels, so that
every utterance carries its full CRF marginal distribution. The ensemble averages the marginals of
the models and takes the most probable label of each utterance. Prints each model's accuracy (its
Viterbi labels), then the ensemble's. Gold labels come from the CSV in file order, which is the order
`predict` writes.
"""
import csv
import json
import sys


def fail(message):
    print(f"ensemble-accuracy: {message}", file=sys.stderr)
    sys.exit(2)


def read_predictions(path):
    utterances = []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                try:
                    conversation = json.loads(line)
                    for u in conversation["utterances"]:
                        utterances.append((u["label"], {t["label"]: t["probability"] for t in u["top"]}))
                except (ValueError, KeyError, TypeError) as e:
                    fail(f"{path}, line {number}: not a prediction line ({e})")
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    return utterances


def main(argv):
    if len(argv) < 4:
        fail("usage: ensemble-accuracy.py GOLD.csv LABEL_COLUMN PREDICTIONS.jsonl [PREDICTIONS.jsonl ...]")
    gold_path, column, paths = argv[1], argv[2], argv[3:]
    try:
        with open(gold_path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if column not in (reader.fieldnames or []):
                fail(f"{gold_path}, line 1: no column '{column}'")
            gold = [row[column] for row in reader]
    except OSError as e:
        fail(f"{gold_path}: {e.strerror}")
    runs = [read_predictions(p) for p in paths]
    labels = set(gold)
    for path, run in zip(paths, runs):
        if len(run) != len(gold):
            fail(f"{path}: {len(run)} utterances, but {gold_path} has {len(gold)}")
        if any(len(u[1]) < len(labels) for u in run):
            fail(f"{path}: some utterances carry fewer than {len(labels)} labels; predict with a larger --top-k")
    n = len(gold)
    for path, run in zip(paths, runs):
        print(f"{path}\taccuracy {sum(g == u[0] for g, u in zip(gold, run)) / n:.4f}")
    correct = 0
    for i, g in enumerate(gold):
        total = {}
        for run in runs:
            for label, p in run[i][1].items():
                total[label] = total.get(label, 0.0) + p
        correct += max(total, key=total.get) == g
    print(f"ensemble_of_{len(runs)}\taccuracy {correct / n:.4f}")


if __name__ == "__main__":
    main(sys.argv)
