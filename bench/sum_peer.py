"""np.sum and torch.sum over 16M float32, the peers for DeepMath's Sum (same timing method as
../shared/peers/elementwise_py.py, whose helpers it imports). BENCH_THREADS=1|2."""
import os
import sys

PEERS = os.environ.get("PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers"))
sys.path.insert(0, PEERS)
import benchutil as bu  # noqa: E402

T = bu.threads_from_env(1)
bu.set_thread_env(T)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(T)
OUT = sys.argv[1] if len(sys.argv) > 1 else "results/elementwise.jsonl"
N = 16 * 1024 * 1024
a = np.random.default_rng(5).uniform(-4, 4, N).astype(np.float32)
ta = torch.from_numpy(a)
rows = []
for lib, fn in (("numpy", lambda: np.sum(a)), ("torch", lambda: torch.sum(ta))):
    r = bu.timeit(fn, samples=7, warmup=3, min_sample_s=0.3)
    rows.append(dict(bench="elementwise", lib=lib, op="sum", mode="reduce", n=N, dtype="float32", threads=T,
                     ms_median=r["median"] * 1e3, gbs_median=4 * N / r["median"] / 1e9, gbs_best=4 * N / r["min"] / 1e9,
                     gbs_worst=4 * N / r["max"] / 1e9, gelem_s=N / r["median"] / 1e9, inner=r["inner"],
                     samples=r["samples"], foreign=r["foreign"], waited_s=r["waited_s"], attempts=r["attempts"]))
bu.emit(OUT, rows)
