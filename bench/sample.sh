#!/usr/bin/env bash
# Sampling throughput, DeepMath beside NumPy's Generator(PCG64), one thread, same distributions,
# parameters and array size, three interleaved rounds (medians of each side's per-round medians).
# Rewrites the "sample" section of bench/RESULTS.md.
#   bench/sample.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
mkdir -p bench/results
out=bench/results/sample.jsonl
: > "$out"
for round in 1 2 3; do
  for dist in normal gamma binomial poisson exponential beta; do
    src/DeepMath.Cli/bin/Release/net10.0/deepmath bench sample --dist "$dist" --threads 1 --json >> "$out"
  done
  src/DeepMath.Cli/bin/Release/net10.0/deepmath bench sample --dist normal --threads 2 --json >> "$out"
  /usr/bin/python3 bench/sample_peer.py >> "$out"
done
/usr/bin/python3 bench/sample_table.py "$out" bench/RESULTS.md
