#!/usr/bin/env bash
# Kneusel's Fashion-MNIST experiment (Math for Deep Learning, chapter 11) with the deepmath command:
# 14x14 images (2x2 block means), 196-100-50-10 sigmoid everywhere, half the squared error on one-hot
# targets, weights and biases from U(-0.5, 0.5) as in his NN.py, mini-batches of 64. Two set-ups:
# the issue's (10,000 mini-batches, lr 0.2, with and without momentum 0.9) and the book scripts'
# (fmnist_momentum.py: 40,000 at lr 0.2 with momentum; fmnist.py: 40,000 at lr 1.0 without).
# Rewrites the kneusel section of bench/RESULTS.md.
#   bench/kneusel.sh            (SEEDS="0 1 2 3 4" to change the seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
export RUN_ID=${RUN_ID:-kneusel-$(date -u +%Y%m%dT%H%M%SZ)}
OUT=bench/results/kneusel.jsonl
mkdir -p bench/results
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST is missing: apt-get install dataset-fashion-mnist" >&2; exit 1; }
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
DEEPMATH=src/DeepMath.Cli/bin/Release/net10.0/deepmath
for setup in "10000 0.2 momentum" "10000 0.2 sgd" "40000 0.2 momentum" "40000 1.0 sgd"; do
  read -r steps lr optimizer <<<"$setup"
  epochs=$(( (steps * 64 + 59999) / 60000 ))
  momentum=(); [ "$optimizer" = momentum ] && momentum=(--momentum 0.9)
  for seed in ${SEEDS:-0 1 2 3 4}; do
    summary=$("$DEEPMATH" train --dataset fashion-mnist --image-size 14 \
      --model 196-100-50-10:sigmoid,output=sigmoid,init=uniform:0.5 --loss half-sse \
      --optimizer "$optimizer" "${momentum[@]}" --lr "$lr" --steps "$steps" --epochs "$epochs" --batch-size 64 \
      --seed "$seed" --json | grep '"summary"')
    echo "{\"run_id\":\"$RUN_ID\",\"steps\":$steps,\"lr\":$lr,\"optimizer\":\"$optimizer\",\"seed\":$seed,\"result\":$summary}" >> "$OUT"
    echo "$steps mini-batches, lr $lr, $optimizer, seed $seed: $summary"
  done
done
/usr/bin/python3 bench/make_tables.py kneusel
