#!/usr/bin/env bash
# Training parity and speed: the Fashion-MNIST MLP 784-128-10 (batch 64, 10 epochs) trained by
# DeepMath and by PyTorch CPU (Debian's python3-torch, ../shared/peers/train_torch.py) in one run,
# SGD lr 0.01 momentum 0.9 and Adam lr 0.001, seeds 0-2, 1 and 2 threads, the two libraries
# interleaved so that machine noise hits both alike. Rewrites the training section of bench/RESULTS.md.
#   bench/training.sh            (PEERS=path/to/peers for another copy of the peer scripts;
#                                 SEEDS="0 1 2", THREADS="1 2", EPOCHS=10 to change the grid)
set -euo pipefail
cd "$(dirname "$0")/.."
export PEERS=${PEERS:-../shared/peers}
export RUN_ID=${RUN_ID:-training-$(date -u +%Y%m%dT%H%M%SZ)}
OUT=bench/results/training.jsonl
mkdir -p bench/results
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST is missing: apt-get install dataset-fashion-mnist" >&2; exit 1; }
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
for threads in ${THREADS:-1 2}; do
  for optimizer in sgd adam; do
    for seed in ${SEEDS:-0 1 2}; do
      for lib in deepmath torch; do
        /usr/bin/python3 bench/training_run.py "$OUT" "$lib" "$optimizer" "$seed" "$threads" "${EPOCHS:-10}"
      done
    done
  done
done
/usr/bin/python3 bench/make_tables.py training
