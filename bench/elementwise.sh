#!/usr/bin/env bash
# Elementwise throughput: DeepMath beside NumPy and PyTorch (../shared/peers) in one run, 1 and 2
# threads, then rewrites the elementwise section of bench/RESULTS.md.
#   bench/elementwise.sh            (PEERS=path/to/peers to use another copy of the peer scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
export RUN_ID=${RUN_ID:-elementwise-$(date -u +%Y%m%dT%H%M%SZ)}
OUT=bench/results/elementwise.jsonl
mkdir -p bench/results
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
DEEPMATH=src/DeepMath.Cli/bin/Release/net10.0/deepmath
for threads in 1 2; do
  "$DEEPMATH" bench elementwise --threads "$threads" --json --append "$OUT"
  BENCH_THREADS=$threads /usr/bin/python3 "$PEERS/elementwise_py.py" "$OUT"
  BENCH_THREADS=$threads PEERS="$PEERS" /usr/bin/python3 bench/sum_peer.py "$OUT"
done
/usr/bin/python3 bench/make_tables.py elementwise
