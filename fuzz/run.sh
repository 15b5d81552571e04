#!/usr/bin/env bash
# Coverage-guided fuzzing of DeepMath's parsers with AFL++ and SharpFuzz.
#   fuzz/run.sh SECONDS [TARGET...]     (default: every target; SECONDS per target)
# Builds the harness, instruments DeepMath.dll and DeepMath.Cli.dll for coverage, runs afl-fuzz on each
# target from fuzz/seeds/TARGET, and copies any crash or hang into fuzz/findings/TARGET/ (replayed by
# the test suite as regressions once fixed). Exits 1 when a target produced a finding.
# Needs: apt-get install afl++; dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(npy npz safetensors idx csv csv-labeled checkpoint model-spec schedule)
SHARPFUZZ=${SHARPFUZZ:-$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")}
BIN=$(mktemp -d)
OUT=${FUZZ_OUT:-$(mktemp -d)}
mkdir -p "$OUT"
dotnet publish fuzz/DeepMath.Fuzz -c Release -o "$BIN" -v q -nologo > /dev/null
"$SHARPFUZZ" "$BIN/DeepMath.dll" > /dev/null
"$SHARPFUZZ" "$BIN/DeepMath.Cli.dll" > /dev/null
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
status=0
for t in "${TARGETS[@]}"; do
  afl-fuzz -V "$SECONDS_PER_TARGET" -i "fuzz/seeds/$t" -o "$OUT/$t" -t 10000 -m none -- dotnet "$BIN/DeepMath.Fuzz.dll" "$t" > "$OUT/$t.log" 2>&1 || true
  stats="$OUT/$t/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then echo "$t: afl-fuzz did not start (see $OUT/$t.log)"; tail -5 "$OUT/$t.log"; status=1; continue; fi
  execs=$(awk -F': ' '/^execs_done/ {print $2}' "$stats"); paths=$(awk -F': ' '/^corpus_count/ {print $2}' "$stats")
  crashes=$(find "$OUT/$t/default/crashes" -type f -name 'id:*' | wc -l); hangs=$(find "$OUT/$t/default/hangs" -type f -name 'id:*' | wc -l)
  echo "$t: $execs inputs, corpus $paths, $crashes crashes, $hangs hangs in ${SECONDS_PER_TARGET}s"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    mkdir -p "fuzz/findings/$t"
    find "$OUT/$t/default/crashes" "$OUT/$t/default/hangs" -type f -name 'id:*' -exec sh -c 'cp "$1" "fuzz/findings/'"$t"'/$(sha1sum "$1" | cut -c1-16)"' _ {} \;
    status=1
  fi
done
rm -rf "$BIN"
exit $status
