"""The batch-64 MLP products (forward and backpropagation shapes) in NumPy (OpenBLAS) and PyTorch,
the peers for `deepmath bench gemm --shape ...` (same timing method as ../shared/peers/gemm_py.py,
whose helpers it imports). BENCH_THREADS=1|2. Each shape is m,n,k with optional ta/tb meaning the
first/second operand is stored transposed (as in backpropagation)."""
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
OUT = sys.argv[1]
SHAPES = [s.split(",") for s in sys.argv[2:]]
rng = np.random.default_rng(0)
for spec in SHAPES:
    m, n, k = map(int, spec[:3])
    ta, tb = "ta" in spec[3:], "tb" in spec[3:]
    for dt in (np.float32, np.float64):
        a = rng.standard_normal((k, m) if ta else (m, k)).astype(dt)
        b = rng.standard_normal((n, k) if tb else (k, n)).astype(dt)
        opa, opb = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n), dt)
        ta_, tb_ = torch.from_numpy(a), torch.from_numpy(b)
        topa, topb = (ta_.T if ta else ta_), (tb_.T if tb else tb_)
        tc = torch.empty((m, n), dtype=ta_.dtype)
        rows = []
        for lib, fn in (("numpy", lambda: np.matmul(opa, opb, out=c)), ("torch", lambda: torch.mm(topa, topb, out=tc))):
            r = bu.timeit(fn, samples=7)
            flop = 2.0 * m * n * k
            rows.append(dict(bench="gemm", lib=lib, dtype=np.dtype(dt).name, n=0, size=0, m=m, k=k, ncols=n, ta=ta, tb=tb,
                             threads=T, gflops_median=flop / r["median"] / 1e9, gflops_best=flop / r["min"] / 1e9,
                             ms_median=r["median"] * 1e3, samples=r["samples"], foreign=r["foreign"]))
        bu.emit(OUT, rows)
