#!/usr/bin/env python3
"""Trains the parity MLP once with DeepMath or PyTorch and appends one JSON line of results.

  /usr/bin/python3 bench/training_run.py OUT.jsonl deepmath|torch OPTIMIZER SEED THREADS [EPOCHS]

OPTIMIZER is sgd (lr 0.01, momentum 0.9) or adam (lr 0.001). Both sides: Fashion-MNIST, 784-128-10
ReLU, cross-entropy, batch 64, pixels / 255, PyTorch's default initialization; epoch time counts the
training loop only. Peak memory is the process's maximum resident set size from /usr/bin/time."""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.environ.get("PEERS", os.path.join(ROOT, "..", "shared", "peers"))
DEEPMATH = os.path.join(ROOT, "src", "DeepMath.Cli", "bin", "Release", "net10.0", "deepmath")


def command(lib, optimizer, seed, threads, epochs):
    lr = "0.01" if optimizer == "sgd" else "0.001"
    if lib == "torch":
        return ["/usr/bin/python3", os.path.join(PEERS, "train_torch.py"), "--model", "mlp", "--optimizer", optimizer,
                "--lr", lr, "--momentum", "0.9", "--epochs", str(epochs), "--batch-size", "64",
                "--threads", str(threads), "--seed", str(seed)]
    optimizer_args = ["--optimizer", "momentum", "--momentum", "0.9"] if optimizer == "sgd" else ["--optimizer", "adam"]
    return [DEEPMATH, "train", "--dataset", "fashion-mnist", "--model", "784-128-10:relu", *optimizer_args, "--lr", lr,
            "--epochs", str(epochs), "--batch-size", "64", "--threads", str(threads), "--seed", str(seed), "--json"]


def main():
    out, lib, optimizer, seed, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    epochs = int(sys.argv[6]) if len(sys.argv) > 6 else 10
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        run = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name] + command(lib, optimizer, seed, threads, epochs),
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{lib} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
        peak_kib = int(timing.read().split()[-1])
    lines = [json.loads(l) for l in run.stdout.splitlines() if l.startswith("{")]
    epochs_rows = [l for l in lines if "summary" not in l]
    summary = next(l for l in lines if l.get("summary"))
    seconds = [l["seconds"] for l in epochs_rows]
    row = dict(run_id=os.environ.get("RUN_ID", ""), bench="training", lib=lib, optimizer=optimizer, seed=seed,
               threads=threads, epochs=len(epochs_rows), epoch_seconds_median=statistics.median(seconds),
               epoch_seconds=seconds, test_accuracy=summary["test_accuracy"], peak_rss_mib=peak_kib / 1024)
    with open(out, "a") as f:
        f.write(json.dumps(row) + "\n")
    print(f"{lib:8} {optimizer:4} seed {seed} threads {threads}: {row['epoch_seconds_median']:.3f} s/epoch, "
          f"accuracy {100 * row['test_accuracy']:.2f} %, peak {row['peak_rss_mib']:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
