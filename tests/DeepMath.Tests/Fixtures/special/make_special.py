"""Reference values of the gamma family at 50 digits (mpmath), for SpecialFunctionsTests.
Run: /usr/bin/python3 make_special.py  (writes gamma.json beside this script)."""
import json
import os
import mpmath as mp

mp.mp.dps = 50
xs = [1e-10, 1e-3, 0.1, 0.5, 0.9, 1 - 1e-8, 1.1, 1.4616321449683622, 1.9, 2 - 1e-8, 2.1, 2.5, 3.7, 9.99, 10, 15.3, 50, 100.5,
      170.5, -0.5, -1.5, -2.3, -10.1, -100.7]
large = [1e3, 1e6, 1e15, 1e300]
pairs = [(0.5, 0.5), (1, 1), (2.5, 3.5), (0.1, 100), (5, 1e6), (1e3, 1e3), (1e6, 1e6), (30, 40), (1e-5, 1e-5), (3, 1e15)]


def s(v):
    return mp.nstr(v, 25, min_fixed=-1, max_fixed=-1) if mp.isfinite(v) else str(v)


rows = []
for x in xs:
    mx = mp.mpf(x)
    rows.append({"x": repr(x), "gamma": s(mp.gamma(mx)), "lgamma": s(mp.log(abs(mp.gamma(mx)))), "digamma": s(mp.digamma(mx)),
                 "trigamma": s(mp.psi(1, mx))})
for x in large:
    mx = mp.mpf(x)
    rows.append({"x": repr(x), "lgamma": s(mp.loggamma(mx)), "digamma": s(mp.digamma(mx)), "trigamma": s(mp.psi(1, mx))})
betas = [{"a": repr(a), "b": repr(b), "lbeta": s(mp.log(mp.beta(a, b))), "beta": s(mp.beta(a, b))} for a, b in pairs]
ys = [1e-300, 1e-20, 1e-8, 0.1, 0.3, 0.49, 0.5, 0.75, 0.9, 0.999, 1 - 1e-12, -0.6, -0.999999]
erfinv = [{"y": repr(y), "erfinv": s(mp.erfinv(y))} for y in ys]
qs = [1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.3, 0.7, 1.0, 1.5, 1.99]
# Deep in the tail, solve log erfc(t) = log q (erfc - q itself is below any absolute tolerance there).
erfcinv = [{"q": repr(q), "erfcinv": s(mp.erfinv(1 - mp.mpf(q)) if q > 1e-10 else mp.findroot(lambda t: mp.log(mp.erfc(t)) - mp.log(q), mp.sqrt(-mp.log(q))))} for q in qs]
incomplete = []
for a, x in [(0.5, 0.1), (0.5, 2), (1, 1), (2.5, 0.5), (2.5, 10), (10, 3), (10, 10), (10, 30), (100, 90), (100, 110), (1e-3, 1e-3), (30, 1)]:
    incomplete.append({"a": repr(a), "x": repr(x), "p": s(mp.gammainc(a, 0, x, regularized=True)), "q": s(mp.gammainc(a, x, mp.inf, regularized=True))})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gamma.json"), "w") as fh:
    json.dump({"unary": rows, "beta": betas, "erfinv": erfinv, "erfcinv": erfcinv, "incomplete": incomplete}, fh, indent=1)
    fh.write("\n")
