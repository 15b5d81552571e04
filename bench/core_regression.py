#!/usr/bin/env python3
"""Before and after a change to the core, in one run: two builds of the deepmath command, run in
alternation so machine noise hits both alike, plus PyTorch for the training epoch.

  /usr/bin/python3 bench/core_regression.py OLD_DEEPMATH NEW_DEEPMATH OUT.jsonl [ROUNDS]

Measures, per round and build: the fixed cost of a tiny op and float32 exp over 1M elements
(`bench elementwise`), the autodiff MLP forward/backward and recording cost per op (`bench autodiff`,
1 and 2 threads), GEMM GFLOP/s (n = 1024 and the MLP shapes, 1 thread), and the Fashion-MNIST MLP
epoch (784-128-10 ReLU, Adam, batch 64, 2 epochs, 1 thread) beside PyTorch's (../shared/peers/train_torch.py).
Appends one JSON line per measurement; bench/make_tables.py core renders the medians."""
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.environ.get("PEERS", os.path.join(HERE, "..", "..", "shared", "peers"))


def json_lines(args):
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return [json.loads(l) for l in run.stdout.splitlines() if l.startswith("{")]


def measure(build, binary, out, round_):
    rows = []
    for line in json_lines([binary, "bench", "elementwise", "--threads", "1", "--size", "1048576", "--json"]):
        if line.get("bench") == "tiny_op":
            rows.append(dict(metric="tiny_op_ns", threads=1, value=line["ns_median"]))
        elif line.get("op") == "exp" and line.get("mode") == "out":
            rows.append(dict(metric="exp_1m_ms", threads=1, value=line["ms_median"]))
    for threads in (1, 2):
        for line in json_lines([binary, "bench", "autodiff", "--threads", str(threads), "--json"]):
            if line.get("case") == "record-cost":
                rows.append(dict(metric="recording_ns_per_op", threads=threads, value=line["recording_ns_per_op"]))
            elif line.get("case", "").startswith("mlp"):
                rows.append(dict(metric="mlp_forward_us", threads=threads, value=line["forward_us"]))
                rows.append(dict(metric="mlp_backward_us", threads=threads, value=line["backward_us"]))
    for line in json_lines([binary, "bench", "gemm", "--size", "1024", "--shape", "64,128,784", "--shape", "64,784,128,tb",
                            "--shape", "784,128,64,ta", "--dtype", "float32", "--threads", "1", "--json"]):
        shape = f"{line['m']}x{line['ncols']}x{line['k']}{',ta' if line['ta'] else ''}{',tb' if line['tb'] else ''}"
        rows.append(dict(metric=f"gemm_gflops {shape}", threads=1, value=line["gflops_median"]))
    lines = json_lines([binary, "train", "--dataset", "fashion-mnist", "--model", "784-128-10:relu", "--optimizer", "adam",
                        "--lr", "0.001", "--epochs", "2", "--batch-size", "64", "--threads", "1", "--seed", "0", "--json"])
    seconds = [l["seconds"] for l in lines if "summary" not in l]
    rows.append(dict(metric="mlp_epoch_s", threads=1, value=statistics.median(seconds)))
    with open(out, "a") as f:
        for row in rows:
            f.write(json.dumps(dict(run_id=os.environ.get("RUN_ID", ""), bench="core", build=build, round=round_, **row)) + "\n")
    print(f"round {round_} {build}: " + ", ".join(f"{r['metric']}[{r['threads']}]={r['value']:.4g}" for r in rows), flush=True)


def torch_epoch(out, round_):
    lines = json_lines(["/usr/bin/python3", os.path.join(PEERS, "train_torch.py"), "--model", "mlp", "--optimizer", "adam",
                        "--lr", "0.001", "--epochs", "2", "--batch-size", "64", "--threads", "1", "--seed", "0"])
    seconds = [l["seconds"] for l in lines if "summary" not in l]
    with open(out, "a") as f:
        f.write(json.dumps(dict(run_id=os.environ.get("RUN_ID", ""), bench="core", build="pytorch", round=round_, metric="mlp_epoch_s", threads=1,
                                value=statistics.median(seconds))) + "\n")
    print(f"round {round_} pytorch: mlp_epoch_s={statistics.median(seconds):.4g}", flush=True)


def main():
    old, new, out = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    for r in range(rounds):
        measure("before", old, out, r)
        measure("after", new, out, r)
        torch_epoch(out, r)


if __name__ == "__main__":
    main()
