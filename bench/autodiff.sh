#!/usr/bin/env bash
# Reverse-mode cost: MLP backward vs forward (DeepMath and, for context, PyTorch), recording cost per
# operation, and memory over 10,000 training-style iterations; 1 and 2 threads. Rewrites the
# autodiff section of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUN_ID=${RUN_ID:-autodiff-$(date -u +%Y%m%dT%H%M%SZ)}
OUT=bench/results/autodiff.jsonl
mkdir -p bench/results
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
for threads in 1 2; do
  src/DeepMath.Cli/bin/Release/net10.0/deepmath bench autodiff --threads "$threads" --json --append "$OUT"
  /usr/bin/python3 bench/autodiff_peer.py "$OUT" "$threads"
done
/usr/bin/python3 bench/make_tables.py autodiff
