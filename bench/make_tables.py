#!/usr/bin/env python3
"""Rewrites one section of bench/RESULTS.md from the JSON lines in bench/results/.

  /usr/bin/python3 bench/make_tables.py core|elementwise|gemm|autodiff|training|kneusel

Only the newest run (RUN_ID) of each benchmark is tabulated, so every ratio compares numbers
measured in the same run on the same machine. Each section sits between
<!-- NAME:begin --> and <!-- NAME:end --> markers; the rest of RESULTS.md is left alone."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "RESULTS.md")


def load(name):
    path = os.path.join(HERE, "results", f"{name}.jsonl")
    rows = [json.loads(l) for l in open(path) if l.strip()]
    latest = rows[-1].get("run_id", "")
    return [r for r in rows if r.get("run_id", "") == latest], latest


def pick(rows, **keys):
    found = [r for r in rows if all(r.get(k) == v for k, v in keys.items())]
    return min(found, key=lambda r: r.get("foreign", 0)) if found else None


def fmt(v, digits=2):
    return "-" if v is None else f"{v:.{digits}f}"


def elementwise():
    rows, run = load("elementwise")
    out = [f"Run `{run}`: 16M float32 (64 MiB per array), median of 7 samples after warm-up; GB/s counts the",
           "bytes an op must move (copy, exp: read + write; add: 2 reads + 1 write; sum: 1 read).",
           "'vs copy' is DeepMath's GB/s over DeepMath's own copy of the same bytes in the same run;",
           "'vs NumPy' is DeepMath over NumPy for the same op, mode and threads. 'foreign' is the share of",
           "the machine other processes used meanwhile (max over the row's measurements).", "",
           "| op | mode | threads | DeepMath GB/s | DeepMath G elem/s | vs copy | NumPy GB/s | vs NumPy | PyTorch GB/s | foreign |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for threads in (1, 2):
        copy = pick(rows, lib="deepmath", op="copy", mode="out", threads=threads)
        for op, mode in (("copy", "out"), ("add", "out"), ("sum", "reduce"), ("exp", "out"), ("add", "alloc"), ("exp", "alloc")):
            d = pick(rows, lib="deepmath", op=op, mode=mode, threads=threads)
            if d is None:
                continue
            n = pick(rows, lib="numpy", op=op, mode=mode, threads=threads)
            t = pick(rows, lib="torch", op=op, mode=mode, threads=threads)
            vs_copy = d["gbs_median"] / copy["gbs_median"] if copy else None
            vs_np = d["gbs_median"] / n["gbs_median"] if n else None
            foreign = max(r["foreign"] for r in (d, n, t) if r)
            out.append(f"| {op} | {mode} | {threads} | {fmt(d['gbs_median'], 1)} | {fmt(d['gelem_s'])} | {fmt(vs_copy)} | "
                       f"{fmt(n and n['gbs_median'], 1)} | {fmt(vs_np)} | {fmt(t and t['gbs_median'], 1)} | {foreign:.2f} |")
    tiny = [r for r in rows if r.get("bench") == "tiny_op"]
    if tiny:
        out += ["", "Fixed cost of one tiny op (`a + b`, two 4-element float32 tensors, result allocated):", ""]
        for r in tiny:
            out.append(f"- {r['threads']} thread(s): median {r['ns_median']:.0f} ns (best {r['ns_best']:.0f}, worst {r['ns_worst']:.0f})")
    return "\n".join(out)


def gemm():
    rows, run = load("gemm")
    peak = {(r["dtype"], r["threads"]): r["gflops_median"] for r in rows if r.get("bench") == "peak"}
    out = [f"Run `{run}`: C = A @ B, GFLOP/s = 2mnk / median time (7 samples after warm-up; 5 at n = 2048 for the",
           "peers); ratios are DeepMath over the peer measured in the same run. 'peak' is the FMA ceiling",
           "measured by `deepmath bench peak` on the same threads (twelve independent FMA chains, 512-bit).", ""]
    for t in (1, 2):
        for dt in ("float32", "float64"):
            if (dt, t) in peak:
                out.append(f"- measured FMA peak, {dt}, {t} thread(s): {peak[(dt, t)]:.1f} GFLOP/s")
    out += ["", "| n | dtype | threads | DeepMath | % of peak | NumPy/OpenBLAS | vs OpenBLAS | PyTorch | Math.NET | vs Math.NET | foreign |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    sizes = sorted({r["n"] for r in rows if r.get("bench") == "gemm" and r.get("n")})
    for t in (1, 2):
        for dt in ("float32", "float64"):
            for n in sizes:
                d = pick(rows, lib="deepmath", dtype=dt, n=n, threads=t)
                if d is None:
                    continue
                o = pick(rows, lib="numpy", dtype=dt, n=n, threads=t)
                p = pick(rows, lib="torch", dtype=dt, n=n, threads=t)
                mn = pick(rows, lib="mathnet-managed", dtype=dt, n=n, threads=t)
                g = d["gflops_median"]
                pk = peak.get((dt, t))
                foreign = max(r["foreign"] for r in (d, o, p, mn) if r)
                out.append(f"| {n} | {dt} | {t} | {g:.1f} | {fmt(pk and 100 * g / pk, 0)} | {fmt(o and o['gflops_median'], 1)} | "
                           f"{fmt(o and g / o['gflops_median'])} | {fmt(p and p['gflops_median'], 1)} | {fmt(mn and mn['gflops_median'], 2)} | "
                           f"{fmt(mn and g / mn['gflops_median'], 0)} | {foreign:.2f} |")
    shapes = sorted({(r["m"], r["ncols"], r["k"], r["ta"], r["tb"]) for r in rows if r.get("bench") == "gemm" and not r.get("n") and "m" in r})
    if shapes:
        out += ["", "The batch-64 MLP products (m x k times k x n; ta/tb: operand stored transposed, as in backpropagation):", "",
                "| m,n,k | dtype | threads | DeepMath | NumPy/OpenBLAS | vs OpenBLAS | PyTorch | vs PyTorch |", "|---|---|---|---|---|---|---|---|"]
        for t in (1, 2):
            for dt in ("float32", "float64"):
                for (m, nn, k, ta, tb) in shapes:
                    key = dict(dtype=dt, threads=t, m=m, ncols=nn, k=k, ta=ta, tb=tb)
                    d = pick(rows, lib="deepmath", n=0, **key)
                    if d is None:
                        continue
                    o = pick(rows, lib="numpy", **key)
                    p = pick(rows, lib="torch", **key)
                    label = f"{m},{nn},{k}" + (",ta" if ta else "") + (",tb" if tb else "")
                    g = d["gflops_median"]
                    out.append(f"| {label} | {dt} | {t} | {g:.1f} | {fmt(o and o['gflops_median'], 1)} | {fmt(o and g / o['gflops_median'])} | "
                               f"{fmt(p and p['gflops_median'], 1)} | {fmt(p and g / p['gflops_median'])} |")
    return "\n".join(out)


def autodiff():
    rows, run = load("autodiff")
    out = [f"Run `{run}`: float32, 784-128-10 ReLU MLP at batch 64 with a log-softmax cross-entropy loss written",
           "with plain tensor operations; forward and backward timed separately in the same loop (medians of",
           "7 samples of 300 steps). Targets: backward at most 2x forward; recording at most 1 us per operation;",
           "memory flat over 10,000 iterations.", "",
           "| threads | DeepMath forward us | DeepMath backward us | backward / forward | PyTorch forward us | PyTorch backward us | PyTorch ratio |",
           "|---|---|---|---|---|---|---|"]
    for t in (1, 2):
        d = pick(rows, lib="deepmath", case="mlp-784-128-10-batch64", threads=t)
        p = pick(rows, lib="torch", case="mlp-784-128-10-batch64", threads=t)
        if d:
            out.append(f"| {t} | {d['forward_us']:.0f} | {d['backward_us']:.0f} | {d['backward_over_forward']:.2f} | "
                       f"{fmt(p and p['forward_us'], 0)} | {fmt(p and p['backward_us'], 0)} | {fmt(p and p['backward_over_forward'])} |")
    out += ["", "| threads | plain op ns | recorded op ns | recording cost ns/op |", "|---|---|---|---|"]
    for t in (1, 2):
        d = pick(rows, lib="deepmath", case="record-cost", threads=t)
        if d:
            out.append(f"| {t} | {d['op_ns']:.0f} | {d['recorded_op_ns']:.0f} | {d['recording_ns_per_op']:.0f} |")
    out += ["", "| threads | iterations | managed heap at 10% (MiB) | at 50% | at end | growth 10% to end (KiB) | peak working set (MiB) |",
            "|---|---|---|---|---|---|---|"]
    for t in (1, 2):
        d = pick(rows, lib="deepmath", case="memory", threads=t)
        if d:
            out.append(f"| {t} | {d['iterations']} | {d['heap_mib_at_10pct']:.2f} | {d['heap_mib_at_50pct']:.2f} | {d['heap_mib_at_end']:.2f} | "
                       f"{d['heap_growth_kib']:.0f} | {d['peak_working_set_mib']:.0f} |")
    return "\n".join(out)


def training():
    rows, run = load("training")
    out = [f"Run `{run}`: Fashion-MNIST, MLP 784-128-10 ReLU, cross-entropy, batch 64, pixels / 255, 10 epochs,",
           "PyTorch's default initialization on both sides; DeepMath and PyTorch runs interleaved. Epoch time is the",
           "median over the run's epochs of the training loop alone (no evaluation); 'ratio' is DeepMath over PyTorch",
           "(below 1 is faster), the median of the per-seed ratios. Peak memory is the process's maximum resident set.",
           "Targets: mean accuracy within 0.5 points of PyTorch's; epoch time at most 1.0x; peak memory at most PyTorch's.", "",
           "| optimizer | threads | seeds | DeepMath accuracy % (mean, min-max) | PyTorch accuracy % | difference (points) | DeepMath s/epoch | PyTorch s/epoch | ratio | DeepMath peak MiB | PyTorch peak MiB |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for optimizer in ("sgd", "adam"):
        for t in (1, 2):
            d = [r for r in rows if r["lib"] == "deepmath" and r["optimizer"] == optimizer and r["threads"] == t]
            p = [r for r in rows if r["lib"] == "torch" and r["optimizer"] == optimizer and r["threads"] == t]
            if not d or not p:
                continue
            acc = lambda rs: 100 * sum(r["test_accuracy"] for r in rs) / len(rs)
            spread = lambda rs: f"{100 * min(r['test_accuracy'] for r in rs):.2f}-{100 * max(r['test_accuracy'] for r in rs):.2f}"
            med = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
            by_seed = {r["seed"]: r for r in p}
            ratios = [r["epoch_seconds_median"] / by_seed[r["seed"]]["epoch_seconds_median"] for r in d if r["seed"] in by_seed]
            name = "SGD lr 0.01, momentum 0.9" if optimizer == "sgd" else "Adam lr 0.001"
            out.append(f"| {name} | {t} | {len(d)} | {acc(d):.2f} ({spread(d)}) | {acc(p):.2f} ({spread(p)}) | {acc(d) - acc(p):+.2f} | "
                       f"{med([r['epoch_seconds_median'] for r in d]):.3f} | {med([r['epoch_seconds_median'] for r in p]):.3f} | {med(ratios):.2f} | "
                       f"{max(r['peak_rss_mib'] for r in d):.0f} | {max(r['peak_rss_mib'] for r in p):.0f} |")
    return "\n".join(out)


def kneusel():
    rows, run = load("kneusel")
    out = [f"Run `{run}`: Fashion-MNIST at 14x14 (2x2 block means), 196-100-50-10 sigmoid everywhere, half the squared",
           "error on one-hot targets, weights and biases from U(-0.5, 0.5), batch 64; test-set Matthews correlation",
           "(MCC) and accuracy over seeds. Kneusel's means over his runs: MCC 0.858 without momentum, 0.864 with.", "",
           "| mini-batches | lr | momentum | seeds | MCC mean | MCC std error | MCC min-max | accuracy % mean | training s (median) |",
           "|---|---|---|---|---|---|---|---|---|"]
    setups = sorted({(r["steps"], r["lr"], r["optimizer"]) for r in rows}, key=lambda s: (s[0], s[2] != "momentum"))
    for steps, lr, optimizer in setups:
        rs = [r["result"] for r in rows if (r["steps"], r["lr"], r["optimizer"]) == (steps, lr, optimizer)]
        mcc = [r["matthews_correlation"] for r in rs]
        mean = sum(mcc) / len(mcc)
        se = (sum((m - mean) ** 2 for m in mcc) / (len(mcc) - 1) / len(mcc)) ** 0.5 if len(mcc) > 1 else float("nan")
        seconds = sorted(r["training_seconds"] for r in rs)[len(rs) // 2]
        out.append(f"| {steps:,} | {lr} | {'0.9' if optimizer == 'momentum' else 'none'} | {len(rs)} | {mean:.4f} | {se:.4f} | "
                   f"{min(mcc):.4f}-{max(mcc):.4f} | {100 * sum(r['test_accuracy'] for r in rs) / len(rs):.2f} | {seconds:.1f} |")
    return "\n".join(out)


def core():
    rows, run = load("core")
    med = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
    rounds = len({r["round"] for r in rows})
    out = [f"Run `{run}`: the build before the core changes and the build after, run in alternation ({rounds} rounds), with",
           "PyTorch's epoch in the same rounds; medians over rounds. 'after / before' below 1 is faster for times and",
           "slower for GFLOP/s. Tiny op: `a + b` on 4-element float32 tensors; recording: the extra cost of an op",
           "whose input requires gradients; MLP: 784-128-10 ReLU at batch 64 (forward and backward of one step, and a",
           "Fashion-MNIST epoch with Adam on one thread); exp over 1M float32.", "",
           "| measure | threads | before | after | after / before | PyTorch | after / PyTorch |", "|---|---|---|---|---|---|---|"]
    keys = sorted({(r["metric"], r["threads"]) for r in rows if r["build"] != "pytorch"}, key=lambda k: (k[0].startswith("gemm"), k))
    for metric, threads in keys:
        before = med([r["value"] for r in rows if r["build"] == "before" and (r["metric"], r["threads"]) == (metric, threads)])
        after = med([r["value"] for r in rows if r["build"] == "after" and (r["metric"], r["threads"]) == (metric, threads)])
        torch = [r["value"] for r in rows if r["build"] == "pytorch" and (r["metric"], r["threads"]) == (metric, threads)]
        peer = med(torch) if torch else None
        out.append(f"| {metric} | {threads} | {before:.4g} | {after:.4g} | {after / before:.2f} | "
                   f"{'-' if peer is None else f'{peer:.4g}'} | {'-' if peer is None else f'{after / peer:.2f}'} |")
    return "\n".join(out)


SECTIONS = {"core": core, "elementwise": elementwise, "gemm": gemm, "autodiff": autodiff, "training": training, "kneusel": kneusel}


def main():
    name = sys.argv[1]
    body = SECTIONS[name]()
    text = open(RESULTS).read() if os.path.exists(RESULTS) else "# Benchmark results\n"
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{body}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + f"\n\n## {name}\n\n{block}\n"
    with open(RESULTS, "w") as f:
        f.write(text)
    print(body)


if __name__ == "__main__":
    main()
