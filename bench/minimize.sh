#!/usr/bin/env bash
# Evaluations each minimizer needs, DeepMath beside scipy.optimize.minimize on the same functions, starts
# and tolerances (counts, not times: the machine's noise does not enter). Rewrites the "minimize" section
# of bench/RESULTS.md.
#   bench/minimize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
mkdir -p bench/results
src/DeepMath.Cli/bin/Release/net10.0/deepmath bench minimize --json > bench/results/minimize_deepmath.jsonl
/usr/bin/python3 bench/minimize_peer.py bench/results/minimize_deepmath.jsonl bench/results/minimize.jsonl
