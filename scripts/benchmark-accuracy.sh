#!/usr/bin/env bash
# Accuracy benchmark: train with a config on a corpus directory, then report valid (and test) figures.
#
#   scripts/benchmark-accuracy.sh CORPUS_DIR CONFIG [--out DIR] [--seed N] [--set SECTION.KEY=JSON]...
#   (DA_CLI=PATH uses that dialogue-acts binary instead of building one)
#
# --seed N overrides training.seed; --set overrides any config value (JSON), for ablations, e.g.
#   --set model.useCrf=false   --set model.speakerFeature=false   --set tokenizer.glove=null
#
# CORPUS_DIR holds train.csv, valid.csv and optionally test.csv. Prints, last:
#   valid_accuracy, valid_macro_f1, test_accuracy (only when test.csv exists), train_minutes
. "$(dirname "$0")/lib/common.sh"
usage="usage: scripts/benchmark-accuracy.sh CORPUS_DIR CONFIG [--out DIR] [--seed N] [--set SECTION.KEY=JSON]..."
corpus="${1:?$usage}"
config="${2:?$usage}"
shift 2
out="$root/runs/accuracy-$(basename "$corpus")-$(date +%Y%m%d-%H%M%S)"
overrides=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift ;;
    --seed) overrides+=("training.seed=$2"); shift ;;
    --set) overrides+=("$2"); shift ;;
    *) unknown_argument "$1" ;;
  esac
  shift
done
require_files "$corpus/train.csv" "$config"
if [ ${#overrides[@]} -gt 0 ]; then
  # A copy of the config with the overrides, beside the original so relative paths still resolve.
  changed="$(dirname "$config")/.override-$$-$(basename "$config")"
  trap 'rm -f "$changed"' EXIT
  /usr/bin/python3 - "$config" "$changed" "${overrides[@]}" <<'PY' || exit 2
import json, sys
source, target, *pairs = sys.argv[1:]
config = json.load(open(source))
for pair in pairs:
    key, sep, value = pair.partition("=")
    path = key.split(".")
    if not sep or len(path) != 2:
        sys.exit(f"error: --set {pair}: expected SECTION.KEY=JSON, e.g. model.useCrf=false")
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        sys.exit(f"error: --set {pair}: the value is not JSON (quote strings: model.x='\"text\"')")
    config.setdefault(path[0], {})[path[1]] = parsed
json.dump(config, open(target, "w"), indent=2)
PY
  config="$changed"
fi

# DA_CLI names a CLI binary to use as it is (for example a published copy, so that builds during a long
# run cannot replace it); without it the CLI is built from this checkout.
cli_binary
log="$(mktemp)"
"$cli" train --config "$config" --data-dir "$corpus" --out "$out" | tee "$log" >&2

/usr/bin/python3 - "$out" "$corpus" <<'PY'
import json, os, sys
out, corpus = sys.argv[1], sys.argv[2]
valid = json.load(open(os.path.join(out, "valid", "report.json")))
epochs = [json.loads(l) for l in open(os.path.join(out, "metrics.jsonl")) if l.strip()]
seconds = sum(e["seconds"] + e.get("valid_seconds", 0) for e in epochs)
print(f"valid_accuracy {valid['accuracy']:.4f}")
print(f"valid_macro_f1 {valid['macro_f1']:.4f}")
test_report = os.path.join(out, "test", "report.json")
if os.path.exists(os.path.join(corpus, "test.csv")) and os.path.exists(test_report):
    print(f"test_accuracy {json.load(open(test_report))['accuracy']:.4f}")
print(f"train_minutes {seconds / 60:.1f}")
PY
