#!/usr/bin/env python3
"""Writes the differential-test fixtures in this folder (NumPy / SciPy / PyTorch reference values).

Re-run from the repository root with Debian's packages (python3-numpy, python3-scipy,
python3-torch, python3-mpmath):

    /usr/bin/python3 tests/DeepMath.Tests/Fixtures/differential/make_differential.py

The output is deterministic (fixed seeds, no timing-dependent data) and the files are small and
committed, so the C# tests never call Python. Files written (formats are described in README.md):

  elementwise.json  unary and binary element-wise ops, float32 and float64, computed by NumPy
                    (SciPy for Sigmoid = expit and Erf) on extreme inputs and all pairs of specials.
  reductions.json   Sum, Prod, Max, Min, Mean, Var, Std (ddof 0), ArgMax, ArgMin, Norm2, LogSumExp
                    over a whole array (axis null) or one axis, computed by NumPy / SciPy.
  gradients.json    float64 gradients of sum(op(...)) from PyTorch autograd at kinks and edges.

Number encoding everywhere: each floating value is a JSON string, Python's repr(float(v)) for
finite values ("-0.0", "1e-300", "5e-324") and "NaN", "Infinity", "-Infinity" for the specials.
float32 values are written as the exact double of the float32. Indices are plain JSON ints.
"""
import json
import math
import os
import sys
import warnings

import mpmath
import numpy as np
import scipy
import scipy.special as sps
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
warnings.simplefilter("ignore")  # overflow / invalid / empty-slice warnings are expected here
mpmath.mp.prec = 256

DTYPES = {"float32": np.float32, "float64": np.float64}


def num(v):
    f = float(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return repr(f)


def nums(a):
    return [num(v) for v in np.asarray(a).reshape(-1)]


def write(name, cases):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]\n")
    print(f"{name}: {len(cases)} cases, {os.path.getsize(path)} bytes")


# --------------------------------------------------------------------------------------------
# 1. elementwise.json
# --------------------------------------------------------------------------------------------

def unary_inputs(dtype):
    t = DTYPES[dtype]
    fi = np.finfo(t)
    tiny = float(fi.tiny)                     # smallest normal
    sub = float(fi.smallest_subnormal)        # smallest subnormal
    mid_sub = float(t(tiny / 1024.0))         # a subnormal in the middle of the range
    pos = [sub, mid_sub, tiny, 1e-30]
    if dtype == "float64":
        pos += [1e-300, 1e-200]
    pos += [1e-10, 1e-8, 0.5, 1.0, 2.0, 10.0, 20.0, 88.0, 89.0, 700.0, 705.0, 709.0, 710.0]
    pos += [1e37] if dtype == "float32" else [1e300, 1e308]
    pos += [float(fi.max)]
    with np.errstate(all="ignore"):
        pos = [float(t(v)) for v in pos]
    pos = [v for v in pos if math.isfinite(v)]
    vals = [0.0, -0.0] + pos + [-v for v in pos] + [math.inf, -math.inf, math.nan]
    rng = np.random.default_rng(20240601)
    mags = 10.0 ** rng.uniform(-5.0, 3.0, 20)
    signs = rng.choice([-1.0, 1.0], 20)
    vals += list(mags * signs)
    return np.array(vals, dtype=t)


def relu(x):
    return np.where(np.isnan(x), x, np.maximum(x, x.dtype.type(0)))


def erf(x):
    if x.dtype == np.float32:
        return sps.erf(x.astype(np.float64)).astype(np.float32)
    return sps.erf(x)


def via_double(fn):
    """scipy.special in float64, rounded once to float32 for float32 inputs (as DeepMath computes these)."""
    def apply(x):
        return fn(x.astype(np.float64)).astype(x.dtype) if x.dtype == np.float32 else fn(x)
    return apply


def high_precision(fn):
    """A 50-digit mpmath value rounded once to the dtype: SciPy's erfc forms e^(-x^2) from a rounded x^2
    and is 1e-14 off in the far tail, where DeepMath is right."""
    def one(v):
        v = float(v)
        if math.isnan(v):
            return math.nan
        # Far beyond the range where either function is neither 0 nor its limit (mpmath overflows on 1e308).
        return float(fn(mpmath.mpf(max(-60.0, min(60.0, v)))))

    def apply(x):
        mpmath.mp.dps = 50
        return np.array([one(v) for v in x]).astype(x.dtype)
    return apply


def softplus(x):
    return np.logaddexp(x.dtype.type(0), x)


def log_sigmoid(x):
    return -np.logaddexp(x.dtype.type(0), -x)


UNARY = [
    ("Exp", np.exp), ("Log", np.log), ("Log1P", np.log1p), ("ExpM1", np.expm1),
    ("Sqrt", np.sqrt), ("Square", np.square), ("Abs", np.abs), ("Negate", np.negative),
    ("Sign", np.sign), ("Sin", np.sin), ("Cos", np.cos), ("Tanh", np.tanh),
    ("Sigmoid", sps.expit), ("Erf", erf), ("Relu", relu),
    # issue 18's functions
    ("Tan", np.tan), ("Atan", np.arctan), ("Asin", np.arcsin), ("Acos", np.arccos), ("Sinh", np.sinh),
    ("Cosh", np.cosh), ("Asinh", np.arcsinh), ("Acosh", np.arccosh), ("Atanh", np.arctanh),
    ("Erfc", high_precision(mpmath.erfc)), ("Softplus", softplus), ("LogSigmoid", log_sigmoid),
    ("NormalCdf", high_precision(lambda v: mpmath.ncdf(v))),
]

BINARY = [
    ("Add", np.add), ("Subtract", np.subtract), ("Multiply", np.multiply), ("Divide", np.divide),
    ("Pow", np.power), ("Maximum", np.maximum), ("Minimum", np.minimum),
]


def binary_specials(dtype):
    s = [0.0, -0.0, 1.0, -1.0, 2.0, 0.5]
    if dtype == "float64":
        s += [1e-300, 1e300]
    else:
        s += [1e38]
    s += [math.inf, -math.inf, math.nan, 3.5, -2.25]
    return np.array(s, dtype=DTYPES[dtype])


def make_elementwise():
    cases = []
    for dtype in DTYPES:
        t = DTYPES[dtype]
        xs = unary_inputs(dtype)
        for name, fn in UNARY:
            x = xs
            if name in ("Sin", "Cos", "Tan"):
                x = xs[~np.isfinite(xs) | (np.abs(xs) <= 1e4)]
            with np.errstate(all="ignore"):
                y = fn(x)
            assert y.dtype == t, (name, dtype, y.dtype)
            cases.append(dict(op=name, dtype=dtype, x=nums(x), expected=nums(y)))
        s = binary_specials(dtype)
        a = np.repeat(s, len(s))
        b = np.tile(s, len(s))
        for name, fn in BINARY:
            with np.errstate(all="ignore"):
                r = fn(a, b)
            assert r.dtype == t, (name, dtype, r.dtype)
            cases.append(dict(op=name, dtype=dtype, x=nums(a), y=nums(b), expected=nums(r)))
    write("elementwise.json", cases)


# --------------------------------------------------------------------------------------------
# 2. reductions.json
# --------------------------------------------------------------------------------------------

def np_norm(x, axis):
    if axis is None:
        return np.linalg.norm(x.reshape(-1))
    return np.linalg.norm(x, axis=axis)


RED = [
    ("Sum", lambda x, a: np.sum(x, axis=a)),
    ("Prod", lambda x, a: np.prod(x, axis=a)),
    ("Max", lambda x, a: np.max(x, axis=a)),
    ("Min", lambda x, a: np.min(x, axis=a)),
    ("Mean", lambda x, a: np.mean(x, axis=a)),
    ("Var", lambda x, a: np.var(x, axis=a, ddof=0)),
    ("Std", lambda x, a: np.std(x, axis=a, ddof=0)),
    ("ArgMax", lambda x, a: np.argmax(x, axis=a)),
    ("ArgMin", lambda x, a: np.argmin(x, axis=a)),
    ("Norm2", np_norm),
    ("LogSumExp", lambda x, a: sps.logsumexp(x, axis=a)),
]

# Ops for which an extended-precision "exact" value (mpmath, 256 bits, rounded to the dtype) is
# added when NumPy's result is far from the true value: non-finite where the truth is finite (or
# the reverse), zero where it is not, or a relative error above 1e-6 (float64) / 1e-3 (float32).
# This flags overflow / underflow of an intermediate, e.g. NumPy's naive sum of squares.
EXACT_OPS = {"Sum", "Mean", "Var", "Std", "Norm2", "LogSumExp"}


def mp_exact(op, row):
    v = [mpmath.mpf(float(e)) for e in row]
    n = len(v)
    if op == "Sum":
        return mpmath.fsum(v)
    if op == "Mean":
        return mpmath.fsum(v) / n
    if op in ("Var", "Std"):
        m = mpmath.fsum(v) / n
        var = mpmath.fsum([(e - m) ** 2 for e in v]) / n
        return var if op == "Var" else mpmath.sqrt(var)
    if op == "Norm2":
        return mpmath.sqrt(mpmath.fsum([e * e for e in v]))
    if op == "LogSumExp":
        return mpmath.log(mpmath.fsum([mpmath.exp(e) for e in v]))
    raise ValueError(op)


def exact_values(op, x, axis, t):
    """Correctly rounded (to the dtype) reference values, or None where not applicable."""
    if op not in EXACT_OPS or x.size == 0 or not np.all(np.isfinite(x)):
        return None
    rows = x.reshape(1, -1) if axis is None else np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])
    if rows.shape[1] == 0:
        return None
    out = []
    for r in rows:
        e = mp_exact(op, r)
        with np.errstate(all="ignore"):
            d = float(e) if abs(e) < mpmath.mpf(2) ** 1100 else math.copysign(math.inf, float(mpmath.sign(e)))
            out.append(float(t(d)))
    return np.array(out, dtype=np.float64)


def far_from(np_vals, exact, rtol):
    a = np.asarray(np_vals, dtype=np.float64).reshape(-1)
    for u, w in zip(a, exact):
        if math.isfinite(u) != math.isfinite(w):
            return True
        if math.isfinite(w):
            if w == 0.0:
                if u != 0.0:
                    return True
            elif abs(u - w) > rtol * abs(w):
                return True
        elif u != w:
            return True
    return False


def reduction_cases(dtype, x, axes, notes=None):
    t = DTYPES[dtype]
    x = np.asarray(x, dtype=t)
    cases = []
    for axis in axes:
        for name, fn in RED:
            try:
                with np.errstate(all="ignore"):
                    r = np.asarray(fn(x, axis))
            except (ValueError, IndexError):
                continue  # NumPy / SciPy raise (e.g. max of an empty axis): no case
            case = dict(op=name, dtype=dtype, shape=list(x.shape), x=nums(x), axis=axis)
            if name in ("ArgMax", "ArgMin"):
                assert r.dtype.kind == "i"
                case["expected"] = [int(v) for v in r.reshape(-1)]
            else:
                if r.dtype != t:
                    r2 = r.astype(t)
                    assert np.array_equal(r2, r, equal_nan=True), (name, dtype, r.dtype)
                    r = r2
                case["expected"] = nums(r)
                ex = exact_values(name, x, axis, t)
                if ex is not None and far_from(r, ex, 1e-6 if dtype == "float64" else 1e-3):
                    case["exact"] = nums(ex)
            case["expected_shape"] = list(r.shape)
            cases.append(case)
    return cases


def make_reductions():
    nan, inf = math.nan, math.inf
    cases = []
    f64, f32 = "float64", "float32"
    vec = [None, 0]
    specials = [
        (f64, [1.0, nan, 3.0], vec),
        (f64, [nan, 1.0, nan], [None]),
        (f64, [1.0, inf, 3.0], [None]),
        (f64, [-inf, 1.0], [None]),
        (f64, [inf, -inf], [None]),
        (f64, [-inf, -inf], [None]),
        (f64, [-0.0, 0.0], [None]),
        (f64, [0.0, -0.0], [None]),
        (f64, [-0.0, -0.0], [None]),
        (f64, [3.0, 1.0, 3.0, 2.0], [None]),
        (f64, [1.0, -5.0, 1.0, -5.0], [None]),
        (f64, [2.0, 2.0, 2.0], [None]),
        (f64, [1e300, 1e300, 1e300], vec),
        (f64, [1e300, -1e300], [None]),
        (f64, [1.5e308, 1.5e308], [None]),
        (f64, [1e200, 1e200, -1e200], [None]),
        (f64, [1e300, 1.0000000001e300, 0.9999999999e300], [None]),
        (f64, [1e-300, 1e-300, 2e-300], [None]),
        (f64, [1e-300, -1e-300], [None]),
        (f64, [5e-324, 5e-324, 5e-324], [None]),
        (f64, [-1000.0, -1000.0], [None]),
        (f64, [1000.0, 1000.0, 999.0], [None]),
        (f64, [1e10, 1.0, -1e10], [None]),
        (f64, [7.5], vec),
        (f32, [1.0, nan, 3.0], [None]),
        (f32, [1e38, 1e38, 1e38], [None]),
        (f32, [3e38, 3e38], [None]),
        (f32, [1e-30, 1e-30], [None]),
        (f32, [-0.0, 0.0], [None]),
        (f32, [0.0, -0.0], [None]),
        (f32, [100.0, 100.0], [None]),
    ]
    for dtype, x, axes in specials:
        cases += reduction_cases(dtype, x, axes)

    # empty and size-1 axes
    cases += reduction_cases(f64, np.zeros((0,)), [None, 0])
    cases += reduction_cases(f64, np.zeros((2, 0)), [None, 0, 1])
    cases += reduction_cases(f32, np.zeros((2, 0)), [1])
    cases += reduction_cases(f64, np.array([[1.0], [-2.0], [nan]]), [0, 1])
    cases += reduction_cases(f64, np.array([[1.0, -0.0, 3.0]]), [0, 1])

    # 2-D / 3-D with specials
    cases += reduction_cases(f64, np.array([[1.0, nan, 3.0], [4.0, 5.0, 6.0]]), [None, 0, 1])
    cases += reduction_cases(f64, np.array([[inf, 1.0], [-inf, inf]]), [None, 0, 1])
    cases += reduction_cases(f64, np.array([[-0.0, 0.0], [0.0, -0.0]]), [0, 1])
    cases += reduction_cases(f64, np.array([[1e300, 1e300], [1e-300, 1e-300]]), [0, 1])
    cases += reduction_cases(f64, np.array([[4.0, 4.0, 1.0], [2.0, 7.0, 7.0]]), [0, 1])
    cases += reduction_cases(
        f64, np.array([[[1.0, nan], [-0.0, 2.0]], [[3.0, -inf], [0.0, 2.0]]]), [None, 0, 1, 2])
    cases += reduction_cases(f32, np.array([[1.0, inf, 2.0], [nan, -1.0, 0.0]]), [None, 0, 1])

    # random cases
    rng = np.random.default_rng(777)
    shapes = [([7], f64, [None, 0]), ([3, 4], f64, [None, 0, 1]), ([2, 3, 4], f64, [0, 1, 2]),
              ([5], f32, [None]), ([4, 3], f32, [0, 1]), ([2, 2, 3], f32, [None, 2]),
              ([1, 5], f64, [0]), ([6, 1], f32, [1]), ([12], f64, [None]), ([3, 6], f32, [1])]
    for shape, dtype, axes in shapes:
        x = rng.standard_normal(shape) * 10.0 ** rng.uniform(-2, 2, shape)
        cases += reduction_cases(dtype, x, axes)
    write("reductions.json", cases)


# --------------------------------------------------------------------------------------------
# 3. gradients.json
# --------------------------------------------------------------------------------------------

def tt(v):
    return torch.tensor(v, dtype=torch.float64, requires_grad=True)


def grad_unary(name, fn, xs, **extra):
    x = tt(xs)
    y = fn(x)
    y.sum().backward()
    case = dict(op=name, dtype="float64", x=nums(xs))
    case.update({k: (num(v) if isinstance(v, float) else v) for k, v in extra.items()})
    case["grad_x"] = nums(x.grad.numpy())
    return case


def grad_binary(name, fn, xs, ys):
    x, y = tt(xs), tt(ys)
    fn(x, y).sum().backward()
    return dict(op=name, dtype="float64", x=nums(xs), y=nums(ys),
                grad_x=nums(x.grad.numpy()), grad_y=nums(y.grad.numpy()))


def make_gradients():
    nan = math.nan
    cases = []
    kinks = [0.0, -0.0, 1.0, -1.0]
    cases.append(grad_unary("Relu", torch.relu, kinks))
    cases.append(grad_unary("Abs", torch.abs, kinks))
    cases.append(grad_unary("Sqrt", torch.sqrt, [0.0, 1e-300, 4.0]))
    tx = [1.0, 2.0, 3.0, 0.0, -0.0, -5.0]
    ty = [1.0, 3.0, 2.0, -0.0, 0.0, -5.0]
    cases.append(grad_binary("Maximum", torch.maximum, tx, ty))
    cases.append(grad_binary("Minimum", torch.minimum, tx, ty))
    px, py = [0.0, -0.0, 2.0, -2.0], [0.0, 1.0, 2.0, 0.5, -1.0]
    cases.append(grad_binary("Pow", torch.pow, [a for a in px for _ in py], [b for _ in px for b in py]))
    for e in [0.0, 1.0, 2.0, 0.5, -1.0]:
        c = grad_unary("PowScalar", lambda x, e=e: torch.pow(x, e), [0.0, -0.0, 2.0, -2.0], exponent=e)
        if e == 0.0:
            c["torch_note"] = "x**0: torch returns a zero gradient everywhere, including x = 0 and x = -0.0"
        cases.append(c)
    cases.append(grad_unary("Clamp", lambda x: torch.clamp(x, -1.0, 1.0), [-1.0, 1.0, 0.0, 2.0, -2.0],
                            low=-1.0, high=1.0))
    c = grad_unary("Max", lambda x: x.max(), [1.0, 3.0, 3.0, 2.0])
    c["torch_note"] = "full reduction x.max(): the gradient is split evenly among tied maxima"
    cases.append(c)
    c = grad_unary("Min", lambda x: x.min(), [2.0, 1.0, 3.0, 1.0])
    c["torch_note"] = "full reduction x.min(): the gradient is split evenly among tied minima"
    cases.append(c)
    for xs in ([2.0, 3.0, 4.0], [2.0, 0.0, 3.0], [0.0, 2.0, 0.0]):
        cases.append(grad_unary("Prod", lambda x: x.prod(), xs))
    c = grad_unary("Norm2", lambda x: torch.linalg.vector_norm(x), [0.0, 0.0, 0.0])
    c["torch_note"] = "torch.linalg.vector_norm at the zero vector: gradient 0 (masked), not NaN"
    cases.append(c)
    cases.append(grad_unary("Norm2", lambda x: torch.linalg.vector_norm(x), [3.0, -4.0, 0.0]))
    c = grad_unary("Std", lambda x: torch.std(x, unbiased=False), [2.0, 2.0, 2.0])
    std_grad = c["grad_x"]
    c["torch_note"] = ("torch.std(x, unbiased=False) (ddof 0) of a constant vector: value 0, torch "
                       f"{torch.__version__} gives gradient [{', '.join(std_grad)}] (masked where std == 0), "
                       "not NaN from 0/0")
    cases.append(c)
    cases.append(grad_unary("Std", lambda x: torch.std(x, unbiased=False), [1.0, 2.0, 4.0]))
    ext = [100.0, -100.0, 1e-30, -1e-30, 0.0]
    cases.append(grad_unary("Sigmoid", torch.sigmoid, ext))
    cases.append(grad_unary("Tanh", torch.tanh, ext))
    c = grad_unary("Log1P", torch.log1p, ext)
    c["torch_note"] = "at x = -100 log1p is NaN but torch's gradient is 1/(1+x) = -1/99, not NaN"
    cases.append(c)
    cases.append(grad_unary("ExpM1", torch.expm1, ext))
    write("gradients.json", cases)


def main():
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, torch {torch.__version__}, "
          f"mpmath {mpmath.__version__}, python {sys.version.split()[0]}")
    torch.manual_seed(0)
    make_elementwise()
    make_reductions()
    make_gradients()


if __name__ == "__main__":
    main()
