#!/usr/bin/env bash
# Session benchmark: per-utterance latency and memory per open session of a causal model.zip
# (model.conversationDirection "forward"), loaded as a user loads it (with the MiniLM sentence encoder when the
# model reads one).
#
#   scripts/benchmark-session.sh MODEL DATA [--threads N] [--lag K] [--sessions N] [--utterances M]
#
# MODEL is a causal model.zip from `dialogue-acts train`; DATA a corpus (CSV or JSONL, labelled or not), read with
# the columns stored in the model. --threads (default 2) sets the torch threads and the sentence encoder's; --lag
# (default 0) the sessions' lag.
# Latency: streams DATA's longest conversation through one session, one utterance at a time, after an untimed
# warm-up (the first 50 utterances of another conversation, in new sessions again and again for 2 s, so the JIT
# has optimised the hot code), and times every Add. Prints latency_p50_ms, _p90_ms, _p99_ms,
# _max_ms and _mean_ms over all its utterances, one latency_tenth line (p50 and p99) per tenth of the conversation
# by position, latency_slope_ms_per_1000_utterances (least-squares line of latency against position) and end_ms.
# Memory: opens --sessions sessions (default 1000), adds --utterances utterances to each (default 20, from DATA
# round-robin) and keeps them open; prints resident (VmRSS) and managed memory before and after (each after a full
# garbage collection and malloc_trim), rss_bytes_per_session, managed_bytes_per_session and sessions_per_gib.
# Also prints cpu, cores, torch_threads, model, lag and sentence_encoder first.
# Runs `Benchmarks session` (scripts/Benchmarks, built in Release first unless DA_BENCHMARKS names a built copy).
# Nothing else should run on the machine while this measures.
. "$(dirname "$0")/lib/common.sh"
usage="usage: scripts/benchmark-session.sh MODEL DATA [--threads N] [--lag K] [--sessions N] [--utterances M]"
model="${1:?$usage}"
data="${2:?$usage}"
shift 2
require_files "$model" "$data"
benchmarks_binary
exec "$benchmarks" session --model "$model" --data "$data" "$@"
