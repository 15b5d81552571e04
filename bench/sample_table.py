"""Writes the "sample" section of bench/RESULTS.md from bench/results/sample.jsonl (written by bench/sample.sh):
median variates per second per library, distribution and thread count, and the same-run ratio."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {}
for r in rows:
    by.setdefault((r["dist"], r["threads"], r["lib"]), []).append(r["samples_per_second"])
params = {r["dist"]: r["params"] for r in rows}
lines = ["| distribution | parameters | threads | DeepMath (M/s) | NumPy PCG64 (M/s) | ratio |", "| --- | --- | ---: | ---: | ---: | ---: |"]
for (dist, threads, lib), values in sorted(by.items()):
    if lib != "deepmath":
        continue
    ours = statistics.median(values) / 1e6
    peer = by.get((dist, 1, "numpy"))
    theirs = statistics.median(peer) / 1e6 if peer else None
    ratio = f"{ours / theirs:.2f}" if theirs and threads == 1 else "(one-thread peer)" if theirs else ""
    lines.append(f"| {dist} | {params[dist]} | {threads} | {ours:.1f} | {theirs:.1f} | {ratio} |" if theirs else f"| {dist} | {params[dist]} | {threads} | {ours:.1f} | | |")
table = "\n".join(lines)
begin, end = "<!-- sample:begin -->", "<!-- sample:end -->"
section = f"{begin}\n{table}\n{end}"
path = sys.argv[2]
text = open(path).read()
if begin in text:
    text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    text += ("\n## sample\n\nRandom variates per second filling a 1,048,576-element array, DeepMath (Philox4x32-10 streams; "
             "ziggurat normal, Marsaglia-Tsang gamma, BTRS binomial, PTRS Poisson) beside NumPy "
             f"{rows[-1].get('numpy', '')} Generator(PCG64) with the same parameters, one thread; medians over three "
             "interleaved rounds, ratio = DeepMath / NumPy (higher is faster). Regenerate: `bench/sample.sh`.\n\n" + section + "\n")
open(path, "w").write(text)
print(table)
