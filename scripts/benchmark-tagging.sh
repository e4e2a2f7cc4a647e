#!/usr/bin/env bash
# Tagging benchmark: the speed, latency and memory of a trained model.zip loaded as a user loads it
# (with the MiniLM sentence encoder when the model reads one, no vector cache: every text is encoded).
#
#   scripts/benchmark-tagging.sh MODEL DATA [--threads N] [--repeats N] [--latency-calls N]
#
# MODEL is a model.zip from `dialogue-acts train`; DATA a corpus (CSV or JSONL, labelled or not), read with
# the columns stored in the model. --threads (default 2) sets the torch threads and the sentence encoder's.
# Prints one "key value" line each: model_mib, load_seconds, utterances, tag_utterances_per_s (median of the
# timed TagMany passes over DATA, after a warm-up pass), latency_100_utterances_ms (median Tag call on the first
# 100 utterances of DATA's longest conversation; latency_utterances says how many it had), peak_rss_mib,
# sentence_encoder.
# Builds scripts/TaggingBenchmark (Release) first, unless TAGGING_BENCH names a built TaggingBenchmark binary.
# Nothing else should run on the machine while this measures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
usage="usage: scripts/benchmark-tagging.sh MODEL DATA [--threads N] [--repeats N] [--latency-calls N]"
model="${1:?$usage}"
data="${2:?$usage}"
shift 2
for f in "$model" "$data"; do
  [ -f "$f" ] || { echo "error: $f: file not found" >&2; exit 1; }
done

bench="${TAGGING_BENCH:-}"
if [ -z "$bench" ]; then
  dotnet build "$root/scripts/TaggingBenchmark" -c Release -v quiet -nologo >/dev/null
  bench="$root/scripts/TaggingBenchmark/bin/Release/net10.0/TaggingBenchmark"
fi
[ -x "$bench" ] || { echo "error: $bench: not an executable (TAGGING_BENCH must name a built TaggingBenchmark)" >&2; exit 1; }
exec "$bench" --model "$model" --data "$data" "$@"
