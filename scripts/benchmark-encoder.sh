#!/usr/bin/env bash
# Encoder benchmark: all-MiniLM-L6-v2's frozen sentence vector (mean-pooled, normalised) over the same distinct texts
# of a corpus, by ONNX Runtime and by the TorchSharp encoder in float32 and bfloat16 (where the CPU computes it):
#
#   scripts/benchmark-encoder.sh DATA.csv [--texts N] [--threads N]
#
# DATA.csv has the columns conversation_id, utterance_index, speaker, text (the SwDA and MRDA CSVs have them).
# Prints one "key value" line each: texts, onnx_texts_per_s, torch_float32_texts_per_s, torch_bfloat16_texts_per_s
# ("n/a" without native bfloat16), torch_best_vs_onnx. Under a lower ISA cap (ONEDNN_MAX_CPU_ISA=AVX2
# MKL_ENABLE_INSTRUCTIONS=AVX2) bfloat16 is not native and reads "n/a".
# Runs `Benchmarks encoder` (scripts/Benchmarks, built in Release first unless DA_BENCHMARKS names a built copy).
# Nothing else should run on the machine while this measures.
. "$(dirname "$0")/lib/common.sh"
usage="usage: scripts/benchmark-encoder.sh DATA.csv [--texts N] [--threads N]"
data="${1:?$usage}"
shift
require_files "$data"
benchmarks_binary
exec "$benchmarks" encoder --data "$data" "$@"
