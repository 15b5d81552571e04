"""PyTorch's forward and backward time for the 784-128-10 MLP at batch 64 (float32), timed the same
way as `deepmath bench autodiff`: both halves of each step in one loop, medians over samples of
per-step averages. Context for DeepMath's backward/forward ratio. Usage: autodiff_peer.py OUT THREADS"""
import json
import os
import statistics
import sys
import time

threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[k] = str(threads)
import torch  # noqa: E402

torch.set_num_threads(threads)
torch.manual_seed(0)
x = torch.rand(64, 784)
labels = torch.randint(0, 10, (64,))
w1 = (torch.randn(784, 128) * 0.05).requires_grad_()
b1 = torch.zeros(128, requires_grad=True)
w2 = (torch.randn(128, 10) * 0.1).requires_grad_()
b2 = torch.zeros(10, requires_grad=True)
params = [w1, b1, w2, b2]


def forward():
    h = torch.relu(x @ w1 + b1)
    return torch.nn.functional.cross_entropy(h @ w2 + b2, labels)


forward_s, backward_s = [], []
for sample in range(-2, 7):
    f = b = 0.0
    for _ in range(300):
        t0 = time.perf_counter()
        loss = forward()
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        for p in params:
            p.grad = None
        f += t1 - t0
        b += t2 - t1
    if sample >= 0:
        forward_s.append(f / 300)
        backward_s.append(b / 300)
fw, bw = statistics.median(forward_s), statistics.median(backward_s)
row = dict(bench="autodiff", lib="torch", case="mlp-784-128-10-batch64", dtype="float32", threads=threads,
           forward_us=fw * 1e6, backward_us=bw * 1e6, backward_over_forward=bw / fw, torch=torch.__version__,
           ts=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), run_id=os.environ.get("RUN_ID", ""))
with open(sys.argv[1], "a") as out:
    out.write(json.dumps(row) + "\n")
print(json.dumps(row))
