#!/usr/bin/env bash
# Speed benchmark: our training and tagging throughput with the benchmark settings (the peer's
# defaults), optionally against the PyTorch peer on the same data and number of batches.
#
#   scripts/benchmark-speed.sh DATA_DIR [--peer] [--batches N] [--peer-script PATH]
#
# DATA_DIR holds train.csv and valid.csv in the SwDA shape (label column "act").
# Prints, last: train_utterances_per_s, infer_utterances_per_s, peak_rss_mib, and with --peer also
# peer_train_utterances_per_s, peer_infer_utterances_per_s, train_ratio, infer_ratio.
# The peer runs at its best: jemalloc that never returns memory, OPENBLAS_NUM_THREADS=1, 2 torch threads.
# Nothing else should run on the machine while this measures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data_dir="${1:?usage: scripts/benchmark-speed.sh DATA_DIR [--peer] [--batches N] [--peer-script PATH]}"
shift
peer=0
batches=100
peer_script="$root/../shared/peer/hblstm_crf.py"
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer=1 ;;
    --batches) batches="$2"; shift ;;
    --peer-script) peer_script="$2"; shift ;;
    *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
for f in train.csv valid.csv; do
  [ -f "$data_dir/$f" ] || { echo "error: $data_dir/$f: file not found" >&2; exit 1; }
done

dotnet build "$root/scripts/SpeedBenchmark" -c Release -v quiet -nologo >/dev/null
ours="$(mktemp)"
echo "== ours: $batches training batches, then tagging valid" >&2
"$root/scripts/SpeedBenchmark/bin/Release/net10.0/SpeedBenchmark" --data-dir "$data_dir" --batches "$batches" --threads 2 | tee "$ours" >&2

if [ "$peer" = 1 ]; then
  [ -f "$peer_script" ] || { echo "error: $peer_script: file not found" >&2; exit 1; }
  jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
  [ -f "$jemalloc" ] || { echo "error: $jemalloc: not found (apt-get install -y libjemalloc2)" >&2; exit 1; }
  peer_json="$(mktemp)"
  echo "== peer: $batches training batches, then tagging valid (jemalloc, 2 threads)" >&2
  LD_PRELOAD="$jemalloc" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 "$peer_script" --train "$data_dir/train.csv" --valid "$data_dir/valid.csv" --label-col act \
    --threads 2 --epochs 1 --max-train-batches "$batches" --log-every 20 --out-json "$peer_json" >&2
fi

value() { awk -v k="$1" '$1 == k { print $2 }' "$ours"; }
echo "latency_100_utterances_ms $(value latency_100_utterances_ms)"
echo "train_utterances_per_s $(value train_utterances_per_s)"
echo "infer_utterances_per_s $(value infer_utterances_per_s)"
echo "peak_rss_mib $(value peak_rss_mib)"
if [ "$peer" = 1 ]; then
  /usr/bin/python3 - "$peer_json" "$(value train_utterances_per_s)" "$(value infer_utterances_per_s)" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
epoch = result["history"][0]
train, infer = epoch["train_utts_per_s"], epoch["valid"]["utts_per_s"]
print(f"peer_peak_rss_mib {result['peak_rss_mib']:.0f}")
print(f"peer_train_utterances_per_s {train:.1f}")
print(f"peer_infer_utterances_per_s {infer:.1f}")
print(f"train_ratio {float(sys.argv[2]) / train:.2f}")
print(f"infer_ratio {float(sys.argv[3]) / infer:.2f}")
PY
fi
