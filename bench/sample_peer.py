"""NumPy's Generator(PCG64), the sampling peer of `deepmath bench sample`: variates per second for the same
distributions, parameters and array size (1,048,576 per call, median of 7 samples of at least 0.2 s each,
one thread). Prints one JSON line per distribution. Run: /usr/bin/python3 bench/sample_peer.py"""
import json
import statistics
import time

import numpy as np

N = 1 << 20
rng = np.random.Generator(np.random.PCG64(42))
out = np.empty(N)
cases = {
    "normal": ("loc=0, scale=1", lambda: rng.standard_normal(out=out)),
    "gamma": ("shape=2.5, scale=1", lambda: rng.standard_gamma(2.5, out=out)),
    "binomial": ("n=100, p=0.3", lambda: rng.binomial(100, 0.3, N)),
    "poisson": ("lam=30", lambda: rng.poisson(30, N)),
    "exponential": ("scale=1", lambda: rng.standard_exponential(out=out)),
    "beta": ("a=2, b=3", lambda: rng.beta(2, 3, N)),
}


def measure(body, samples=7, min_seconds=0.2):
    for _ in range(3):
        body()
    inner = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(inner):
            body()
        if time.perf_counter() - t0 >= min_seconds:
            break
        inner *= 2
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(inner):
            body()
        times.append((time.perf_counter() - t0) / inner)
    return statistics.median(times)


for name, (params, body) in cases.items():
    t = measure(body)
    print(json.dumps({"bench": "sample", "lib": "numpy", "dist": name, "params": params, "n": N, "threads": 1,
                      "samples_per_second": N / t, "ns_per_sample": t / N * 1e9, "numpy": np.__version__}))
