"""scipy.optimize.minimize on DeepMath's test functions, beside `deepmath bench minimize`.

Usage: minimize_peer.py DEEPMATH_JSONL OUT_JSONL
       minimize_peer.py --fixture OUT_JSON   (the test fixture: scipy's results for every function and method)
Runs each (function, method) of the DeepMath lines with scipy at its default tolerances, gradients and
Hessian-vector products from PyTorch autograd (float64), and writes both sets of rows to OUT_JSONL,
then the evaluation-count table into bench/RESULTS.md (section "minimize")."""
import json
import math
import sys

import numpy as np
import scipy
import torch
from scipy.optimize import minimize

torch.set_default_dtype(torch.float64)
PI = math.pi


def rosenbrock_n(x):
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


def goldstein_price(x):
    a, b = x[0], x[1]
    first = 1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b)
    second = 30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b)
    return first * second


FUNCTIONS = {
    "Rosenbrock": (lambda x: 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1]),
    "Beale": (lambda x: (1.5 - x[0] + x[0] * x[1]) ** 2 + (2.25 - x[0] + x[0] * x[1] ** 2) ** 2 + (2.625 - x[0] + x[0] * x[1] ** 3) ** 2, [1, 1]),
    "Himmelblau": (lambda x: (x[0] ** 2 + x[1] - 11) ** 2 + (x[0] + x[1] ** 2 - 7) ** 2, [0, 0]),
    "Booth": (lambda x: (x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2, [0, 0]),
    "Rastrigin": (lambda x: (x ** 2 - 10 * torch.cos(2 * PI * x)).sum() + 10 * x.numel(), [0.4, -0.3]),
    "Ackley": (lambda x: -20 * torch.exp(-0.2 * torch.sqrt(0.5 * (x ** 2).sum())) - torch.exp(0.5 * torch.cos(2 * PI * x).sum()) + math.e + 20, [0.3, -0.2]),
    "Goldstein-Price": (goldstein_price, [0.5, 0.5]),
    "Styblinski-Tang": (lambda x: 0.5 * (x ** 4 - 16 * x ** 2 + 5 * x).sum(), [0, 0]),
    "Powell singular": (lambda x: (x[0] + 10 * x[1]) ** 2 + 5 * (x[2] - x[3]) ** 2 + (x[1] - 2 * x[2]) ** 4 + 10 * (x[0] - x[3]) ** 4, [3, -1, 0, 1]),
    "Wood": (lambda x: 100 * (x[0] ** 2 - x[1]) ** 2 + (x[0] - 1) ** 2 + (x[2] - 1) ** 2 + 90 * (x[2] ** 2 - x[3]) ** 2
             + 10.1 * ((x[1] - 1) ** 2 + (x[3] - 1) ** 2) + 19.8 * (x[1] - 1) * (x[3] - 1), [-3, -1, -3, -1]),
    "McCormick": (lambda x: torch.sin(x[0] + x[1]) + (x[0] - x[1]) ** 2 - 1.5 * x[0] + 2.5 * x[1] + 1, [0, 0]),
    "book bowl": (lambda x: 6 * x[0] ** 2 + 9 * x[1] ** 2 - 12 * x[0] - 14 * x[1] + 3, [-0.5, 2.9]),
    "book narrow bowl": (lambda x: 6 * x[0] ** 2 + 40 * x[1] ** 2 - 12 * x[0] - 30 * x[1] + 3, [-0.5, 2.3]),
    "book two Gaussians": (lambda x: -2 * torch.exp(-0.5 * ((x[0] + 1) ** 2 + (x[1] - 1) ** 2)) - torch.exp(-0.5 * ((x[0] - 1) ** 2 + (x[1] + 1) ** 2)), [0.7, -0.2]),
    "Rosenbrock (10 variables)": (rosenbrock_n, [-1.2 if i % 2 == 0 else 1.0 for i in range(10)]),
}


def value_and_grad(f):
    def fg(x):
        t = torch.tensor(x, requires_grad=True)
        y = f(t)
        (g,) = torch.autograd.grad(y, t)
        return float(y), g.numpy()
    return fg


def hessp(f):
    def hv(x, v):
        t = torch.tensor(x, requires_grad=True)
        (g,) = torch.autograd.grad(f(t), t, create_graph=True)
        (h,) = torch.autograd.grad((g * torch.tensor(v)).sum(), t)
        return h.numpy()
    return hv


def value(f):
    return lambda x: float(f(torch.tensor(x)))


def run(name, method):
    f, start = FUNCTIONS[name]
    x0 = np.array(start, dtype=float)
    if method in ("Nelder-Mead", "Powell"):
        r = minimize(value(f), x0, method=method)
    elif method in ("Newton-CG", "trust-ncg"):
        r = minimize(value_and_grad(f), x0, jac=True, hessp=hessp(f), method=method)
    else:
        r = minimize(value_and_grad(f), x0, jac=True, method=method)
    return {
        "bench": "minimize", "lib": "scipy", "version": scipy.__version__, "function": name, "method": method,
        "iterations": int(getattr(r, "nit", 0)), "evaluations": int(max(r.nfev, getattr(r, "njev", 0) or 0)),
        "hessian_vector_products": int(getattr(r, "nhev", 0) or 0), "converged": bool(r.success), "f": float(r.fun), "x": [float(v) for v in r.x],
    }


def table(ours, theirs):
    lines = ["| function | method | DeepMath evaluations | scipy evaluations | ratio | DeepMath converged | scipy converged | same minimum |",
             "| --- | --- | ---: | ---: | ---: | --- | --- | --- |"]
    ratios = {}
    for key, o in ours.items():
        t = theirs[key]
        ratio = o["evaluations"] / max(t["evaluations"], 1)
        same = np.allclose(o["x"], t["x"], atol=1e-3, rtol=1e-3)
        ratios.setdefault(key[1], []).append(ratio)
        lines.append(f"| {key[0]} | {key[1]} | {o['evaluations']} | {t['evaluations']} | {ratio:.2f} | {'yes' if o['converged'] else 'no'} | "
                     f"{'yes' if t['converged'] else 'no'} | {'yes' if same else 'no'} |")
    lines.append("")
    lines.append("| method | median ratio | worst ratio |")
    lines.append("| --- | ---: | ---: |")
    for method, rs in ratios.items():
        lines.append(f"| {method} | {np.median(rs):.2f} | {max(rs):.2f} |")
    return "\n".join(lines)


METHODS = ["BFGS", "L-BFGS-B", "CG", "Newton-CG", "trust-ncg", "Nelder-Mead", "Powell"]


def main():
    if sys.argv[1] == "--fixture":
        rows = [run(name, method) for name in FUNCTIONS for method in METHODS]
        with open(sys.argv[2], "w") as fh:
            json.dump(rows, fh, indent=1)
            fh.write("\n")
        return
    ours_path, out_path = sys.argv[1], sys.argv[2]
    ours = {}
    with open(ours_path) as fh:
        for line in fh:
            row = json.loads(line)
            ours[(row["function"], row["method"])] = row
    theirs = {key: run(*key) for key in ours}
    with open(out_path, "w") as fh:
        for row in list(ours.values()) + list(theirs.values()):
            fh.write(json.dumps(row) + "\n")
    text = open("bench/RESULTS.md").read()
    begin, end = "<!-- minimize:begin -->", "<!-- minimize:end -->"
    section = f"{begin}\n{table(ours, theirs)}\n{end}"
    if begin in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text += ("\n## minimize\n\nEvaluations (points where f, or f and its gradient, were computed) to reach scipy's default tolerance "
                 "(gradient 1e-5; Nelder-Mead and Powell 1e-4) from each test function's standard start; ratio = DeepMath / scipy "
                 f"{scipy.__version__}, same run. Regenerate: `bench/minimize.sh`.\n\n{section}\n")
    open("bench/RESULTS.md", "w").write(text)


if __name__ == "__main__":
    main()
