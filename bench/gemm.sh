#!/usr/bin/env bash
# GEMM throughput: DeepMath beside NumPy (OpenBLAS), PyTorch and Math.NET Numerics 5 (managed) in one
# run, square sizes 128-2048 and the batch-64 MLP shapes, float32 and float64, 1 and 2 threads; then
# rewrites the gemm section of bench/RESULTS.md. Needs Debian's python3-numpy with OpenBLAS
# (libopenblas0-pthread; without it NumPy silently uses the reference BLAS) and python3-torch.
#   bench/gemm.sh            (PEERS=path/to/peers to use another copy of the peer scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
export RUN_ID=${RUN_ID:-gemm-$(date -u +%Y%m%dT%H%M%SZ)}
OUT=bench/results/gemm.jsonl
SIZES=${GEMM_SIZES:-128,256,512,1024,2048}
SHAPES=(64,128,784 64,10,128 784,128,64,ta 64,784,128,tb 128,10,64,ta 64,128,10,tb)
mkdir -p bench/results
/usr/bin/python3 -c "import numpy, threadpoolctl; print([p['internal_api'] for p in threadpoolctl.threadpool_info()])" | grep -q openblas \
  || { echo "error: NumPy is not using OpenBLAS (apt-get install libopenblas0-pthread)" >&2; exit 1; }
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
DEEPMATH=src/DeepMath.Cli/bin/Release/net10.0/deepmath
MATHNET=$(mktemp -d)
find "$PEERS/mathnet" -maxdepth 1 -type f -exec cp {} "$MATHNET"/ \; # sources only (a restore may have left obj/ beside them)
dotnet build "$MATHNET" -c Release -v q -nologo >/dev/null
"$DEEPMATH" bench peak --threads 1 --json --append "$OUT"
"$DEEPMATH" bench peak --threads 2 --json --append "$OUT"
for threads in 1 2; do
  for dtype in float32 float64; do
    "$DEEPMATH" bench gemm --size "$SIZES" --shape "${SHAPES[@]}" --dtype "$dtype" --threads "$threads" --json --append "$OUT"
  done
  BENCH_THREADS=$threads GEMM_SIZES=$SIZES /usr/bin/python3 "$PEERS/gemm_py.py" "$OUT"
  BENCH_THREADS=$threads PEERS="$PEERS" /usr/bin/python3 bench/gemm_shapes_peer.py "$OUT" "${SHAPES[@]}"
  dotnet "$MATHNET"/bin/Release/net10.0/MathNetBench.dll gemm "$threads" "$OUT" "$SIZES" 2>/dev/null
done
rm -rf "$MATHNET"
/usr/bin/python3 bench/make_tables.py gemm
