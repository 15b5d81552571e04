#!/usr/bin/env bash
# The core before and after a change, in one run: builds BASE (a commit, default the parent of the
# core issue's work) into a temporary worktree, runs both builds in alternation with PyTorch beside
# them (bench/core_regression.py), then rewrites the core section of bench/RESULTS.md.
#   BASE=dc20a3a ROUNDS=3 bench/core_regression.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-dc20a3a}
export PEERS=${PEERS:-../shared/peers}
export RUN_ID=${RUN_ID:-core-$(date -u +%Y%m%dT%H%M%SZ)}
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST is missing: apt-get install dataset-fashion-mnist" >&2; exit 1; }
OLD=$(mktemp -d)
trap 'git worktree remove --force "$OLD" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$OLD" "$BASE" >/dev/null
dotnet build "$OLD/src/DeepMath.Cli" -c Release -v q -nologo >/dev/null
dotnet build src/DeepMath.Cli -c Release -v q -nologo >/dev/null
OUT=bench/results/core.jsonl
mkdir -p bench/results
/usr/bin/python3 bench/core_regression.py "$OLD/src/DeepMath.Cli/bin/Release/net10.0/deepmath" \
  src/DeepMath.Cli/bin/Release/net10.0/deepmath "$OUT" "${ROUNDS:-3}"
/usr/bin/python3 bench/make_tables.py core
