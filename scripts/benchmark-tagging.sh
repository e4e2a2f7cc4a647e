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
# Runs `Benchmarks tagging` (scripts/Benchmarks, built in Release first unless DA_BENCHMARKS names a built copy).
# Nothing else should run on the machine while this measures.
. "$(dirname "$0")/lib/common.sh"
usage="usage: scripts/benchmark-tagging.sh MODEL DATA [--threads N] [--repeats N] [--latency-calls N]"
model="${1:?$usage}"
data="${2:?$usage}"
shift 2
require_files "$model" "$data"
benchmarks_binary
exec "$benchmarks" tagging --model "$model" --data "$data" "$@"
