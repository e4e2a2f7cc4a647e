#!/usr/bin/env bash
# Prints the oneDNN and MKL instruction-set caps one level below this CPU's best:
# AVX-512 -> "AVX2 AVX2", AVX2 -> "AVX AVX", otherwise "SSE41 SSE4_2".
set -euo pipefail
flags=$(grep -m1 '^flags' /proc/cpuinfo)
if [[ " $flags " == *" avx512f "* ]]; then echo "AVX2 AVX2"
elif [[ " $flags " == *" avx2 "* ]]; then echo "AVX AVX"
else echo "SSE41 SSE4_2"
fi
