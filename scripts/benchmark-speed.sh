#!/usr/bin/env bash
# Speed benchmark: our training and tagging throughput with the benchmark settings (the peer's
# defaults), optionally against the PyTorch peer on the same data, side by side in one run.
#
#   scripts/benchmark-speed.sh DATA_DIR [--peer] [--batches N] [--passes N] [--peer-eval-batches LIST] [--peer-script PATH]
#
# DATA_DIR holds train.csv and valid.csv in the SwDA shape (label column "act").
# Training: both sides train the same number of batches (--batches, default 100); utterances/s over them.
# Tagging: the whole valid split, the median of --passes (default 7) passes on each side.
#   Ours: the first (cold) pass of a fresh tagger is reported apart (infer_cold_utterances_per_s), then the
#   median of the warm passes (infer_utterances_per_s), then each lever alone (lever_*).
#   Peer: its --infer-repeats median (its first pass included), at each --eval-batch of the scan (default
#   8,16,32,64,128 whole conversations per forward pass); the scan runs train 1 batch only, since tagging
#   time does not depend on the weights. The best batch size is the one compared.
# The peer runs at its best: jemalloc that never returns memory, OPENBLAS_NUM_THREADS=1, 2 torch threads.
# Prints, last: the CPU, our figures, and with --peer the peer's and the ratios (train_ratio; infer_ratio,
# warm against the peer's best warm). Nothing else should run on the machine while this measures.
# Ours is `Benchmarks speed` (scripts/Benchmarks, built in Release first unless DA_BENCHMARKS names a built copy).
. "$(dirname "$0")/lib/common.sh"
usage="usage: scripts/benchmark-speed.sh DATA_DIR [--peer] [--batches N] [--passes N] [--peer-eval-batches LIST] [--peer-script PATH]"
data_dir="${1:?$usage}"
shift
peer=0
batches=100
passes=7
eval_batches=8,16,32,64,128
peer_script="$root/../shared/peer/hblstm_crf.py"
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer=1 ;;
    --batches) batches="${2:?$usage}"; shift ;;
    --passes) passes="${2:?$usage}"; shift ;;
    --peer-eval-batches) eval_batches="${2:?$usage}"; shift ;;
    --peer-script) peer_script="${2:?$usage}"; shift ;;
    *) unknown_argument "$1" ;;
  esac
  shift
done
require_files "$data_dir/train.csv" "$data_dir/valid.csv"

benchmarks_binary
ours="$(mktemp)"
echo "== ours: $batches training batches, then tagging valid ($passes warm passes per setting)" >&2
"$benchmarks" speed --data-dir "$data_dir" --batches "$batches" --threads 2 --passes "$passes" | tee "$ours" >&2

peer_dir=""
if [ "$peer" = 1 ]; then
  require_files "$peer_script"
  jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
  [ -f "$jemalloc" ] || die "$jemalloc: not found (apt-get install -y libjemalloc2)"
  peer_dir="$(mktemp -d)"
  run_peer() { # OUT_JSON TRAIN_BATCHES EVAL_BATCH
    LD_PRELOAD="$jemalloc" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 OPENBLAS_NUM_THREADS=1 \
      /usr/bin/python3 "$peer_script" --train "$data_dir/train.csv" --valid "$data_dir/valid.csv" --label-col act \
      --threads 2 --epochs 1 --max-train-batches "$2" --eval-batch "$3" --infer-repeats "$passes" --log-every 20 --out-json "$1" >&2
  }
  echo "== peer: $batches training batches, then tagging valid at --eval-batch 8 (jemalloc, 2 threads)" >&2
  run_peer "$peer_dir/train.json" "$batches" 8
  for b in ${eval_batches//,/ }; do
    [ "$b" = 8 ] && continue
    echo "== peer: tagging valid at --eval-batch $b" >&2
    run_peer "$peer_dir/eval-$b.json" 1 "$b"
  done
fi

value() { awk -v k="$1" '$1 == k { print $2 }' "$ours"; }
sed -n '/^cpu_model /p; /^cpu_flags /p; /^cpu_count /p' "$ours"
sed -n '/^gemm_peak_gflops /p; /^train_gflops /p; /^share_of_peak /p; /^infer_gflops /p; /^infer_share_of_peak /p; /^lever_/p; /^infer_pass_seconds /p; /^infer_precision /p; /^infer_accuracy /p' "$ours"
for k in latency_100_utterances_ms train_utterances_per_s infer_cold_utterances_per_s infer_utterances_per_s peak_rss_mib; do
  echo "$k $(value "$k")"
done
if [ "$peer" = 1 ]; then
  /usr/bin/python3 - "$peer_dir" "$(value train_utterances_per_s)" "$(value infer_utterances_per_s)" "$(value infer_cold_utterances_per_s)" <<'PY'
import glob, json, os, sys
peer_dir, train_ours, infer_ours, cold_ours = sys.argv[1], *map(float, sys.argv[2:])
first = json.load(open(os.path.join(peer_dir, "train.json")))
epoch = first["history"][0]
by_batch = {8: epoch["valid"]}
for path in glob.glob(os.path.join(peer_dir, "eval-*.json")):
    by_batch[int(path.rsplit("-", 1)[1][:-5])] = json.load(open(path))["history"][0]["valid"]
for b in sorted(by_batch):
    print(f"peer_infer_utterances_per_s_eval_batch_{b} {by_batch[b]['utts_per_s']:.1f}")
best = max(by_batch, key=lambda b: by_batch[b]["utts_per_s"])
train, infer = epoch["train_utts_per_s"], by_batch[best]["utts_per_s"]
print(f"peer_peak_rss_mib {first['peak_rss_mib']:.0f}")
print(f"peer_valid_accuracy_after_training {epoch['valid']['acc']:.4f}")
print(f"peer_best_eval_batch {best}")
print(f"peer_train_utterances_per_s {train:.1f}")
print(f"peer_infer_utterances_per_s {infer:.1f}")
print(f"train_ratio {train_ours / train:.2f}")
print(f"infer_cold_ratio {cold_ours / infer:.2f}")
print(f"infer_ratio {infer_ours / infer:.2f}")
PY
  rm -rf "$peer_dir"
fi
