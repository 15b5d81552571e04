"""Reference values for the DeepMath.Probability distributions: scipy.stats, checked value by value against mpmath.

Run: /usr/bin/python3 make_distributions.py  (writes distributions.json beside this script; about 15 seconds).
Generated with Debian 12's SciPy 1.10.1, NumPy 1.24.2, mpmath 1.2.1.

Layout of distributions.json:
  {"continuous": [set, ...], "discrete": [set, ...], "overrides": [...]}
  set = {"name", "params": {...}, "points": [...], "quantiles": [...],
         "mean", "variance", "skewness", "excess_kurtosis", "entropy", "median"[, "source", "mpmath_fields"]}
  continuous point = {"x", "pdf", "logpdf", "cdf", "sf", "logcdf", "logsf"[, "source", "mpmath_fields"]}
  discrete point   = {"k", "pmf", "logpmf", "cdf", "sf", "logcdf", "logsf"[, "source", "mpmath_fields"]}
  quantile         = {"p", "ppf", "isf"[, "source", "mpmath_fields"]}: ppf(p) = F^-1(p), isf(p) = F^-1(1 - p);
                     for discrete sets ppf(p) is the smallest k of the support with cdf(k) >= p and isf(p) the
                     smallest k with sf(k) <= p (both exact, from the mpmath cdf; no quantile here is a near tie).
Numbers are strings: repr(float(v)) for finite values, "inf", "-inf", "nan".  Parameters and points are the doubles
(or, for integer parameters and discrete points, the integers) written; real parameters as repr(float), integer ones
(n, population, successes, draws, low, high, k) as plain integers; Geometric's "convention" is "trials" (support
1, 2, ...) or "failures" (support 0, 1, ...).
The names and parameters map to scipy as: Normal{mean,std} norm(mean, std); LogNormal{mu,sigma} lognorm(sigma,
scale=exp(mu)); Uniform{lower,upper} uniform(lower, upper-lower); Exponential{rate} expon(scale=1/rate);
Gamma{shape,rate} gamma(shape, scale=1/rate); Beta{alpha,beta}; ChiSquared{dof} chi2; StudentT{dof,loc,scale} t;
Cauchy, Laplace, Logistic, Gumbel (gumbel_r) {loc,scale}; Weibull{shape,scale} weibull_min; Pareto{scale,shape}
pareto(shape, scale=scale); F{dof1,dof2} f; InverseGamma{shape,scale} invgamma(shape, scale=scale);
Bernoulli{p}; Binomial{n,p}; Poisson{rate}; Geometric{p,convention} geom(p) / geom(p, loc=-1);
NegativeBinomial{r,p} nbinom (failures before the r-th success); Hypergeometric{population,successes,draws}
hypergeom(M, n, N); DiscreteUniform{low,high} randint(low, high+1) (both ends inclusive).
The mpmath side uses the distribution's own parameters (rate, not scipy's 1/rate), so where scipy's reparametrization
rounds, the fixture follows the library's parametrization.

Every value scipy gives is compared with an mpmath evaluation at 40 digits (30 guard digits inside the incomplete
beta/gamma functions, which are the classical continued fractions and series; closed forms elsewhere; quantiles by
safeguarded Newton on log F or log(1-F); entropies and moments by closed forms, or by summation over the support
for Hypergeometric and the discrete entropies).  Where they differ by more than 1e-14 relative (or, for subnormal
results, by more than two units of 4.9e-324), the mpmath value rounded to a double is written instead, the field is
named in that object's "mpmath_fields" with "source": "mpmath", and the difference is listed in "overrides".
Where they agree within 1e-14 scipy's value is kept, so a few values are a unit or two in the last place off the
correctly rounded one (Beta(0.5, 0.5) median "0.4999999999999999", F(1, 1) median "1.0000000000000013"); compare
at 1e-13 relative.  Moments scipy reports as inf or nan (moments that do not exist) are written as scipy gives them.
The quantile row p = 1e-300 is omitted for a continuous set when its ppf or isf lies outside the normal double range
(underflow below 2.2e-308 or overflow; the script prints which); a root within 1e-60 (relative) of a nonzero finite
end of the support is written as that end (Uniform isf(1e-300) = upper, Pareto ppf(1e-300) = scale).
Subnormal results (Normal cdf(-38) = 2.9e-316) are correctly rounded doubles; compare them with an absolute slack.
"""
import json
import math
import os

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 40
GUARD = 30
REL = 1e-14
TINY_ABS = 2 * 5e-324
QPROBS = [1e-300, 1e-10, 0.01, 0.25, 0.5, 0.9, 1 - 1e-10]
HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- number handling

def fnum(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


def to_double(m):
    if isinstance(m, float):
        return m
    m = mp.mpf(m)
    if mp.isnan(m):
        return math.nan
    if mp.isinf(m):
        return math.inf if m > 0 else -math.inf
    return float(m)


def agrees(s, e):
    """scipy double s against the correctly rounded reference e."""
    if math.isnan(e) or math.isnan(s):
        return math.isnan(e) and math.isnan(s)
    if s == e:
        return True
    if math.isinf(e) or math.isinf(s):
        return False
    return abs(s - e) <= max(REL * abs(e), TINY_ABS)


def rel_diff(s, e):
    if s == e or (math.isnan(s) and math.isnan(e)):
        return 0.0
    if math.isinf(s) or math.isinf(e) or math.isnan(s) or math.isnan(e) or e == 0:
        return math.inf
    return abs(s - e) / abs(e)


OVERRIDES = []


def settle(obj, field, scipy_value, ref, where):
    """Write scipy's value, or the reference where they disagree (ref None: no reference, keep scipy's)."""
    s = float(scipy_value)
    if ref is None:
        obj[field] = fnum(s)
        return
    e = to_double(ref)
    if agrees(s, e):
        obj[field] = fnum(s)
        return
    obj[field] = fnum(e)
    obj["source"] = "mpmath"
    obj.setdefault("mpmath_fields", []).append(field)
    OVERRIDES.append({"where": where, "field": field, "scipy": fnum(s), "mpmath": fnum(e), "rel": rel_diff(s, e)})


# ---------------------------------------------------------------- incomplete beta and gamma (accurate pairs)

def _beta_cf(a, b, x):
    eps = mp.mpf(10) ** (-mp.mp.dps)
    tiny = mp.mpf(10) ** (-10 * mp.mp.dps)
    c = mp.mpf(1)
    d = 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    m = 1
    while True:
        for aa in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                   -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + aa * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + aa / c
            if abs(c) < tiny:
                c = tiny
            delta = c * d
            h *= delta
        if abs(delta - 1) < eps:
            return h
        m += 1
        if m > 10 ** 7:
            raise ArithmeticError("beta continued fraction: no convergence")


def log_beta(a, b):
    return mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)


def betainc2(a, b, x, y):
    """(I_x(a,b), 1 - I_x(a,b)) with y = 1 - x given separately; the smaller one computed directly."""
    with mp.workdps(mp.mp.dps + GUARD):
        a, b, x, y = mp.mpf(a), mp.mpf(b), mp.mpf(x), mp.mpf(y)
        if x <= 0:
            return mp.mpf(0), mp.mpf(1)
        if y <= 0:
            return mp.mpf(1), mp.mpf(0)
        if x < (a + 1) / (a + b + 2):
            small = mp.exp(a * mp.log(x) + b * mp.log(y) - mp.log(a) - log_beta(a, b)) * _beta_cf(a, b, x)
            return small, 1 - small
        small = mp.exp(b * mp.log(y) + a * mp.log(x) - mp.log(b) - log_beta(b, a)) * _beta_cf(b, a, y)
        return 1 - small, small


def gammainc2(a, x):
    """(P(a,x), Q(a,x)): series for x < a+1, Legendre continued fraction otherwise."""
    with mp.workdps(mp.mp.dps + GUARD):
        a, x = mp.mpf(a), mp.mpf(x)
        if x <= 0:
            return mp.mpf(0), mp.mpf(1)
        eps = mp.mpf(10) ** (-mp.mp.dps)
        front = mp.exp(a * mp.log(x) - x - mp.loggamma(a))
        if x < a + 1:
            term = total = 1 / a
            n = 0
            while True:
                n += 1
                term *= x / (a + n)
                total += term
                if term < eps * total and x < a + n:
                    break
            p = front * total
            return p, 1 - p
        tiny = mp.mpf(10) ** (-10 * mp.mp.dps)
        bb = x + 1 - a
        c = 1 / tiny
        d = 1 / bb
        h = d
        i = 0
        while True:
            i += 1
            an = -i * (i - a)
            bb += 2
            d = an * d + bb
            d = 1 / (d if abs(d) > tiny else tiny)
            c = bb + an / c
            if abs(c) < tiny:
                c = tiny
            delta = d * c
            h *= delta
            if abs(delta - 1) < eps:
                break
        q = front * h
        return 1 - q, q


# ---------------------------------------------------------------- continuous distributions in mpmath
# Each returns logpdf(x) and the pair (cdf, sf) with both members accurate.

M = mp.mpf
NINF = mp.ninf
INF = mp.inf
OUT_LOW = (M(0), M(1))
OUT_HIGH = (M(1), M(0))


def edge_logpdf(power, coef_log):
    """log of pdf at a boundary where the density behaves like coef * t^power."""
    if power < 0:
        return INF
    if power == 0:
        return coef_log
    return NINF


class Cont:
    lo, hi = -math.inf, math.inf
    mvsk = (None, None, None, None)
    entropy = None

    def __init__(self, name, params, frozen):
        self.name, self.params, self.frozen = name, params, frozen


def erfc(t):
    """mp.erfc, with its asymptotic series for |t| > 1e8 (mpmath 1.2.1 overflows there)."""
    if t > 1e8:
        return mp.exp(-t * t) / (t * mp.sqrt(mp.pi)) * (1 - 1 / (2 * t * t) + 3 / (4 * t ** 4))
    if t < -1e8:
        return 2 - erfc(-t)
    return mp.erfc(t)


def normal(mean, std):
    d = Cont("Normal", {"mean": mean, "std": std}, stats.norm(mean, std))
    m, s = M(mean), M(std)
    d.logpdf = lambda x: -((M(x) - m) / s) ** 2 / 2 - mp.log(s) - mp.log(2 * mp.pi) / 2
    d.cs = lambda x: (erfc(-(M(x) - m) / s / mp.sqrt(2)) / 2, erfc((M(x) - m) / s / mp.sqrt(2)) / 2)
    d.mvsk = (m, s * s, M(0), M(0))
    d.entropy = mp.log(2 * mp.pi * mp.e * s * s) / 2
    return d


def lognormal(mu, sigma):
    d = Cont("LogNormal", {"mu": mu, "sigma": sigma}, stats.lognorm(sigma, scale=math.exp(mu)))
    d.lo = 0.0
    m, s = M(mu), M(sigma)

    def logpdf(x):
        x = M(x)
        if x <= 0:
            return NINF
        z = (mp.log(x) - m) / s
        return -z * z / 2 - mp.log(x * s * mp.sqrt(2 * mp.pi))

    def cs(x):
        x = M(x)
        if x <= 0:
            return OUT_LOW
        z = (mp.log(x) - m) / s
        return erfc(-z / mp.sqrt(2)) / 2, erfc(z / mp.sqrt(2)) / 2

    d.logpdf, d.cs = logpdf, cs
    w = mp.exp(s * s)
    d.mvsk = (mp.exp(m + s * s / 2), (w - 1) * mp.exp(2 * m + s * s), (w + 2) * mp.sqrt(w - 1),
              w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 6)
    d.entropy = m + M(1) / 2 + mp.log(s * mp.sqrt(2 * mp.pi))
    return d


def uniform(lower, upper):
    d = Cont("Uniform", {"lower": lower, "upper": upper}, stats.uniform(lower, upper - lower))
    d.lo, d.hi = lower, upper
    l, u = M(lower), M(upper)
    d.logpdf = lambda x: NINF if (M(x) < l or M(x) > u) else -mp.log(u - l)
    d.cs = lambda x: OUT_LOW if M(x) < l else OUT_HIGH if M(x) > u else ((M(x) - l) / (u - l), (u - M(x)) / (u - l))
    d.mvsk = ((l + u) / 2, (u - l) ** 2 / 12, M(0), M(-6) / 5)
    d.entropy = mp.log(u - l)
    return d


def exponential(rate):
    d = Cont("Exponential", {"rate": rate}, stats.expon(scale=1 / rate))
    d.lo = 0.0
    r = M(rate)
    d.logpdf = lambda x: NINF if M(x) < 0 else mp.log(r) - r * M(x)
    d.cs = lambda x: OUT_LOW if M(x) < 0 else (-mp.expm1(-r * M(x)), mp.exp(-r * M(x)))
    d.mvsk = (1 / r, 1 / r ** 2, M(2), M(6))
    d.entropy = 1 - mp.log(r)
    return d


def _gamma_like(d, k, r):
    """Gamma(shape k, rate r) densities into d."""
    def logpdf(x):
        x = M(x)
        if x < 0:
            return NINF
        if x == 0:
            return edge_logpdf(k - 1, k * mp.log(r) - mp.loggamma(k))
        return k * mp.log(r) + (k - 1) * mp.log(x) - r * x - mp.loggamma(k)

    def cs(x):
        x = M(x)
        return OUT_LOW if x <= 0 else gammainc2(k, r * x)

    d.lo = 0.0
    d.logpdf, d.cs = logpdf, cs
    d.mvsk = (k / r, k / r ** 2, 2 / mp.sqrt(k), 6 / k)
    d.entropy = k - mp.log(r) + mp.loggamma(k) + (1 - k) * mp.digamma(k)
    return d


def gamma(shape, rate):
    return _gamma_like(Cont("Gamma", {"shape": shape, "rate": rate}, stats.gamma(shape, scale=1 / rate)), M(shape),
                       M(rate))


def chisquared(dof):
    return _gamma_like(Cont("ChiSquared", {"dof": dof}, stats.chi2(dof)), M(dof) / 2, M(1) / 2)


def beta(alpha, beta_):
    d = Cont("Beta", {"alpha": alpha, "beta": beta_}, stats.beta(alpha, beta_))
    d.lo, d.hi = 0.0, 1.0
    a, b = M(alpha), M(beta_)
    lb = log_beta(a, b)

    def logpdf(x):
        x = M(x)
        if x < 0 or x > 1:
            return NINF
        if x == 0:
            return edge_logpdf(a - 1, -lb)
        if x == 1:
            return edge_logpdf(b - 1, -lb)
        return (a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - lb

    def cs(x):
        x = M(x)
        return OUT_LOW if x <= 0 else OUT_HIGH if x >= 1 else betainc2(a, b, x, 1 - x)

    d.logpdf, d.cs = logpdf, cs
    n = a + b
    d.mvsk = (a / n, a * b / (n * n * (n + 1)), 2 * (b - a) * mp.sqrt(n + 1) / ((n + 2) * mp.sqrt(a * b)),
              6 * ((a - b) ** 2 * (n + 1) - a * b * (n + 2)) / (a * b * (n + 2) * (n + 3)))
    d.entropy = lb - (a - 1) * mp.digamma(a) - (b - 1) * mp.digamma(b) + (n - 2) * mp.digamma(n)
    return d


def student_t(dof, loc, scale):
    d = Cont("StudentT", {"dof": dof, "loc": loc, "scale": scale}, stats.t(dof, loc, scale))
    v, l, s = M(dof), M(loc), M(scale)
    const = mp.loggamma((v + 1) / 2) - mp.loggamma(v / 2) - mp.log(v * mp.pi) / 2 - mp.log(s)

    def logpdf(x):
        z = (M(x) - l) / s
        return const - (v + 1) / 2 * mp.log1p(z * z / v)

    def cs(x):
        with mp.workdps(mp.mp.dps + GUARD):
            z = (M(x) - l) / s
            if z == 0:
                return M(1) / 2, M(1) / 2
            i, _ = betainc2(v / 2, M(1) / 2, v / (v + z * z), z * z / (v + z * z))
            return (i / 2, 1 - i / 2) if z < 0 else (1 - i / 2, i / 2)

    d.logpdf, d.cs = logpdf, cs
    d.mvsk = (l if v > 1 else None, s * s * v / (v - 2) if v > 2 else None, M(0) if v > 3 else None,
              6 / (v - 4) if v > 4 else None)
    d.entropy = ((v + 1) / 2 * (mp.digamma((v + 1) / 2) - mp.digamma(v / 2)) + mp.log(mp.sqrt(v))
                 + log_beta(v / 2, M(1) / 2) + mp.log(s))
    return d


def cauchy(loc, scale):
    d = Cont("Cauchy", {"loc": loc, "scale": scale}, stats.cauchy(loc, scale))
    l, s = M(loc), M(scale)
    d.logpdf = lambda x: -mp.log(mp.pi * s * (1 + ((M(x) - l) / s) ** 2))

    def cs(x):
        z = (M(x) - l) / s
        if z == 0:
            return M(1) / 2, M(1) / 2
        t = mp.atan(1 / abs(z)) / mp.pi  # the smaller tail, without cancellation
        return (t, 1 - t) if z < 0 else (1 - t, t)

    d.logpdf, d.cs = d.logpdf, cs
    d.entropy = mp.log(4 * mp.pi * s)
    return d


def laplace(loc, scale):
    d = Cont("Laplace", {"loc": loc, "scale": scale}, stats.laplace(loc, scale))
    l, s = M(loc), M(scale)
    d.logpdf = lambda x: -abs(M(x) - l) / s - mp.log(2 * s)

    def cs(x):
        z = (M(x) - l) / s
        t = mp.exp(-abs(z)) / 2
        return (t, 1 - t) if z < 0 else (1 - t, t)

    d.cs = cs
    d.mvsk = (l, 2 * s * s, M(0), M(3))
    d.entropy = 1 + mp.log(2 * s)
    return d


def logistic(loc, scale):
    d = Cont("Logistic", {"loc": loc, "scale": scale}, stats.logistic(loc, scale))
    l, s = M(loc), M(scale)

    def logpdf(x):
        z = -abs((M(x) - l) / s)
        return z - 2 * mp.log1p(mp.exp(z)) - mp.log(s)

    d.logpdf = logpdf
    d.cs = lambda x: (1 / (1 + mp.exp(-(M(x) - l) / s)), 1 / (1 + mp.exp((M(x) - l) / s)))
    d.mvsk = (l, mp.pi ** 2 * s * s / 3, M(0), M(6) / 5)
    d.entropy = mp.log(s) + 2
    return d


def gumbel(loc, scale):
    d = Cont("Gumbel", {"loc": loc, "scale": scale}, stats.gumbel_r(loc, scale))
    l, s = M(loc), M(scale)
    d.logpdf = lambda x: -(M(x) - l) / s - mp.exp(-(M(x) - l) / s) - mp.log(s)
    d.cs = lambda x: (mp.exp(-mp.exp(-(M(x) - l) / s)), -mp.expm1(-mp.exp(-(M(x) - l) / s)))
    d.mvsk = (l + mp.euler * s, mp.pi ** 2 * s * s / 6, 12 * mp.sqrt(6) * mp.zeta(3) / mp.pi ** 3, M(12) / 5)
    d.entropy = mp.log(s) + mp.euler + 1
    return d


def central_from_raw(raw):
    """(mean, variance, skewness, excess kurtosis) from raw moments m1..m4 (None where a moment is missing)."""
    m1, m2, m3, m4 = raw
    with mp.workdps(mp.mp.dps + GUARD):
        if m1 is None:
            return None, None, None, None
        var = m2 - m1 * m1 if m2 is not None else None
        mu3 = m3 - 3 * m1 * m2 + 2 * m1 ** 3 if m3 is not None else None
        mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4 if m4 is not None else None
        return (m1, var, mu3 / var ** M(1.5) if mu3 is not None else None,
                mu4 / var ** 2 - 3 if mu4 is not None else None)


def weibull(shape, scale):
    d = Cont("Weibull", {"shape": shape, "scale": scale}, stats.weibull_min(shape, scale=scale))
    d.lo = 0.0
    c, lam = M(shape), M(scale)

    def logpdf(x):
        x = M(x)
        if x < 0:
            return NINF
        if x == 0:
            return edge_logpdf(c - 1, mp.log(c / lam))
        return mp.log(c / lam) + (c - 1) * mp.log(x / lam) - (x / lam) ** c

    d.logpdf = logpdf
    d.cs = lambda x: OUT_LOW if M(x) <= 0 else (-mp.expm1(-(M(x) / lam) ** c), mp.exp(-(M(x) / lam) ** c))
    with mp.workdps(mp.mp.dps + GUARD):
        d.mvsk = central_from_raw([lam ** n * mp.gamma(1 + n / c) for n in range(1, 5)])
    d.entropy = mp.euler * (1 - 1 / c) + mp.log(lam / c) + 1
    return d


def pareto(scale, shape):
    d = Cont("Pareto", {"scale": scale, "shape": shape}, stats.pareto(shape, scale=scale))
    d.lo = scale
    xm, b = M(scale), M(shape)
    d.logpdf = lambda x: NINF if M(x) < xm else mp.log(b) + b * mp.log(xm) - (b + 1) * mp.log(M(x))
    d.cs = lambda x: OUT_LOW if M(x) <= xm else (-mp.expm1(b * mp.log(xm / M(x))), mp.exp(b * mp.log(xm / M(x))))
    with mp.workdps(mp.mp.dps + GUARD):
        d.mvsk = central_from_raw([b * xm ** n / (b - n) if b > n else None for n in range(1, 5)])
    d.entropy = mp.log(xm / b) + 1 / b + 1
    return d


def f_dist(dof1, dof2):
    d = Cont("F", {"dof1": dof1, "dof2": dof2}, stats.f(dof1, dof2))
    d.lo = 0.0
    d1, d2 = M(dof1), M(dof2)
    a, b = d1 / 2, d2 / 2
    lb = log_beta(a, b)

    def logpdf(x):
        x = M(x)
        if x < 0:
            return NINF
        if x == 0:
            return edge_logpdf(a - 1, a * mp.log(d1 / d2) - lb)
        return a * mp.log(d1 / d2) + (a - 1) * mp.log(x) - (a + b) * mp.log1p(d1 * x / d2) - lb

    def cs(x):
        with mp.workdps(mp.mp.dps + GUARD):
            x = M(x)
            if x <= 0:
                return OUT_LOW
            return betainc2(a, b, d1 * x / (d1 * x + d2), d2 / (d1 * x + d2))

    d.logpdf, d.cs = logpdf, cs
    with mp.workdps(mp.mp.dps + GUARD):
        d.mvsk = central_from_raw([(d2 / d1) ** n * mp.gamma(a + n) * mp.gamma(b - n) / (mp.gamma(a) * mp.gamma(b))
                                   if b > n else None for n in range(1, 5)])
    # F = (d2/d1) * BetaPrime(a, b)
    d.entropy = (lb - (a - 1) * (mp.digamma(a) - mp.digamma(b)) + (a + b) * (mp.digamma(a + b) - mp.digamma(b))
                 + mp.log(d2 / d1))
    return d


def inverse_gamma(shape, scale):
    d = Cont("InverseGamma", {"shape": shape, "scale": scale}, stats.invgamma(shape, scale=scale))
    d.lo = 0.0
    a, bt = M(shape), M(scale)

    def logpdf(x):
        x = M(x)
        if x <= 0:
            return NINF
        return a * mp.log(bt) - (a + 1) * mp.log(x) - bt / x - mp.loggamma(a)

    def cs(x):
        x = M(x)
        if x <= 0:
            return OUT_LOW
        p, q = gammainc2(a, bt / x)
        return q, p

    d.logpdf, d.cs = logpdf, cs
    with mp.workdps(mp.mp.dps + GUARD):
        d.mvsk = central_from_raw([bt ** n * mp.gamma(a - n) / mp.gamma(a) if a > n else None for n in range(1, 5)])
    d.entropy = a + mp.log(bt) + mp.loggamma(a) - (1 + a) * mp.digamma(a)
    return d


# ---------------------------------------------------------------- discrete distributions in mpmath

class Disc:
    lo, hi = 0, math.inf
    mvsk = (None, None, None, None)
    entropy = None

    def __init__(self, name, params, frozen):
        self.name, self.params, self.frozen = name, params, frozen

    def inside(self, k):
        return self.lo <= k <= self.hi

    def logpmf(self, k):
        return self._logpmf(k) if self.inside(k) else NINF

    def cs(self, k):
        if k < self.lo:
            return OUT_LOW
        if k >= self.hi:
            return OUT_HIGH
        return self._cs(k)


def lchoose(n, k):
    return mp.loggamma(M(n) + 1) - mp.loggamma(M(k) + 1) - mp.loggamma(M(n) - k + 1)


def bernoulli(p):
    d = Disc("Bernoulli", {"p": p}, stats.bernoulli(p))
    d.hi = 1
    pp = M(p)
    d._logpmf = lambda k: mp.log(pp) if k == 1 else mp.log1p(-pp)
    d._cs = lambda k: (1 - pp, pp)
    d.mvsk = (pp, pp * (1 - pp), (1 - 2 * pp) / mp.sqrt(pp * (1 - pp)), (1 - 6 * pp * (1 - pp)) / (pp * (1 - pp)))
    d.entropy = -pp * mp.log(pp) - (1 - pp) * mp.log1p(-pp)
    return d


def binomial(n, p):
    d = Disc("Binomial", {"n": n, "p": p}, stats.binom(n, p))
    d.hi = n
    pp = M(p)
    d._logpmf = lambda k: lchoose(n, k) + k * mp.log(pp) + (n - k) * mp.log1p(-pp)

    def cs(k):
        sf, cdf = betainc2(k + 1, n - k, pp, 1 - pp)
        return cdf, sf

    d._cs = cs
    npq = n * pp * (1 - pp)
    d.mvsk = (n * pp, npq, (1 - 2 * pp) / mp.sqrt(npq), (1 - 6 * pp * (1 - pp)) / npq)
    return d


def poisson(rate):
    d = Disc("Poisson", {"rate": rate}, stats.poisson(rate))
    lam = M(rate)
    d._logpmf = lambda k: k * mp.log(lam) - lam - mp.loggamma(k + 1)

    def cs(k):
        sf, cdf = gammainc2(k + 1, lam)
        return cdf, sf

    d._cs = cs
    d.mvsk = (lam, lam, 1 / mp.sqrt(lam), 1 / lam)
    return d


def geometric(p, convention):
    shift = 1 if convention == "trials" else 0
    frozen = stats.geom(p) if shift else stats.geom(p, loc=-1)
    d = Disc("Geometric", {"p": p, "convention": convention}, frozen)
    d.lo = shift
    pp = M(p)
    l1 = mp.log1p(-pp)
    d._logpmf = lambda k: (k - shift) * l1 + mp.log(pp)
    d._cs = lambda k: (-mp.expm1((k - shift + 1) * l1), mp.exp((k - shift + 1) * l1))
    d.mvsk = (1 / pp if shift else (1 - pp) / pp, (1 - pp) / pp ** 2, (2 - pp) / mp.sqrt(1 - pp), 6 + pp ** 2 / (1 - pp))
    d.entropy = (-(1 - pp) * l1 - pp * mp.log(pp)) / pp
    return d


def negative_binomial(r, p):
    d = Disc("NegativeBinomial", {"r": r, "p": p}, stats.nbinom(r, p))
    rr, pp = M(r), M(p)
    d._logpmf = lambda k: (mp.loggamma(k + rr) - mp.loggamma(rr) - mp.loggamma(k + 1) + rr * mp.log(pp)
                           + k * mp.log1p(-pp))
    d._cs = lambda k: betainc2(rr, k + 1, pp, 1 - pp)
    d.mvsk = (rr * (1 - pp) / pp, rr * (1 - pp) / pp ** 2, (2 - pp) / mp.sqrt(rr * (1 - pp)),
              6 / rr + pp ** 2 / (rr * (1 - pp)))
    return d


def hypergeometric(population, successes, draws):
    d = Disc("Hypergeometric", {"population": population, "successes": successes, "draws": draws},
             stats.hypergeom(population, successes, draws))
    d.lo = max(0, draws - (population - successes))
    d.hi = min(successes, draws)
    lt = lchoose(population, draws)
    d._logpmf = lambda k: lchoose(successes, k) + lchoose(population - successes, draws - k) - lt
    with mp.workdps(mp.mp.dps + GUARD):
        pm = {k: mp.exp(d._logpmf(k)) for k in range(d.lo, d.hi + 1)}
        m1 = sum(k * v for k, v in pm.items())
        mu = [sum((k - m1) ** j * v for k, v in pm.items()) for j in (2, 3, 4)]
        d.mvsk = (m1, mu[0], mu[1] / mu[0] ** M(1.5), mu[2] / mu[0] ** 2 - 3)
        d.entropy = -sum(v * mp.log(v) for v in pm.values() if v > 0)

        def cs(k):
            with mp.workdps(mp.mp.dps + GUARD):
                return sum(pm[j] for j in range(d.lo, k + 1)), sum(pm[j] for j in range(k + 1, d.hi + 1))

    d._cs = cs
    return d


def discrete_uniform(low, high):
    d = Disc("DiscreteUniform", {"low": low, "high": high}, stats.randint(low, high + 1))
    d.lo, d.hi = low, high
    n = M(high - low + 1)
    d._logpmf = lambda k: -mp.log(n)
    d._cs = lambda k: ((k - low + 1) / n, (high - k) / n)
    d.mvsk = (M(low + high) / 2, (n * n - 1) / 12, M(0), -6 * (n * n + 1) / (5 * (n * n - 1)))
    d.entropy = mp.log(n)
    return d


def discrete_entropy(d, center):
    """-sum pmf log pmf, walking out from center until the terms are negligible."""
    with mp.workdps(mp.mp.dps + GUARD):
        eps = mp.mpf(10) ** (-mp.mp.dps)
        total = mp.mpf(0)
        for step in (1, -1):
            k = center if step == 1 else center - 1
            while d.inside(k):
                lp = d.logpmf(k)
                term = -mp.exp(lp) * lp
                total += term
                if abs(term) < eps * abs(total) and mp.exp(lp) < eps:
                    break
                k += step
        return total


# ---------------------------------------------------------------- quantiles in mpmath

def solve_increasing(g, u0):
    """Root of increasing g(u) -> (value, derivative): bracket by doubling steps, then Newton with bisection."""
    u = mp.mpf(u0)
    v, dv = g(u)
    if v == 0:
        return u
    lo = hi = None
    step = mp.mpf(1)
    w, wv = u, v
    while lo is None or hi is None:
        if wv < 0:
            lo = w
            if hi is None:
                w = w + step
        else:
            hi = w
            if lo is None:
                w = w - step
        if lo is None or hi is None:
            step *= 2
            if step > 1e6:
                raise ArithmeticError("no bracket")
            wv = g(w)[0]
    for _ in range(3000):
        tol = mp.mpf(10) ** -(mp.mp.dps - 5) * max(1, abs(u))
        nu = u - v / dv if dv > 0 and mp.isfinite(dv) else None
        if nu is not None and abs(nu - u) < tol:
            return nu
        if nu is None or not (lo < nu < hi):
            nu = (lo + hi) / 2
        step = abs(nu - u)
        u = nu
        v, dv = g(u)
        if v < 0:
            lo = u
        elif v > 0:
            hi = u
        else:
            return u
        if step < tol or hi - lo < tol:
            return u
    raise ArithmeticError("no convergence")


def cont_quantile(d, p, upper, start):
    """x with cdf(x) = p (upper False) or sf(x) = p (upper True), p a double in (0,1); start: scipy's answer or nan.
    Solves log cdf = log p or log sf = log(1-p) (whichever probability is below 1/2; 1-p is exact)."""
    with mp.workdps(mp.mp.dps + GUARD):
        p = mp.mpf(p)
        use_cdf = (p <= 0.5) != upper
        target = mp.log(p if p <= 0.5 else 1 - p)
        lo, hi = d.lo, d.hi
        if math.isfinite(lo) and math.isfinite(hi):
            L, H = M(lo), M(hi)
            xmap = lambda u: L + (H - L) / (1 + mp.exp(-u))
            dmap = lambda u: (H - L) / (1 + mp.exp(-u)) / (1 + mp.exp(u))
            inv = lambda x: mp.log((x - L) / (H - x))
        elif math.isfinite(lo):
            L = M(lo)
            xmap = lambda u: L + mp.exp(u)
            dmap = lambda u: mp.exp(u)
            inv = lambda x: mp.log(x - L)
        else:
            xmap, dmap, inv = mp.sinh, mp.cosh, mp.asinh

        def g(u):
            x = xmap(u)
            cdf, sf = d.cs(x)
            dens = mp.exp(d.logpdf(x)) * dmap(u)
            if use_cdf:
                return mp.log(cdf) - target, dens / cdf
            return target - mp.log(sf), dens / sf

        # a root closer to a nonzero finite end of the support than 1e-60 (relative) rounds to that end
        for end, tail_is_cdf in ((lo, True), (hi, False)):
            if math.isfinite(end) and end != 0 and use_cdf == tail_is_cdf:
                near = M(end) + (1 if tail_is_cdf else -1) * abs(M(end)) * mp.mpf(10) ** -60
                cdf, sf = d.cs(near)
                if mp.log(cdf if use_cdf else sf) > target:
                    return M(end)
        u0 = 0
        if math.isfinite(start) and lo < start < hi:
            u0 = inv(M(start))
        x = xmap(solve_increasing(g, u0))
        if abs(x) < 1e-50 and d.lo < 0 < d.hi:  # a root at 0 (a symmetric median) is only found to ~1e-70
            cdf, sf = d.cs(M(0))
            if mp.log(cdf if use_cdf else sf) == target:
                return M(0)
        return x


def disc_quantile(d, c, upper, start):
    """Smallest k with cdf(k) >= c (upper False) or with sf(k) <= c (upper True); c an exact mpf."""
    with mp.workdps(mp.mp.dps + GUARD):
        def ok(k):
            cdf, sf = d.cs(k)
            return sf <= c if upper else cdf >= c

        k = int(start) if math.isfinite(start) else int(to_double(d.mvsk[0]))
        k = max(d.lo, min(k, d.hi))
        # ok() is false then true along the support and true at its top: gallop to a bracket, then bisect
        if ok(k):
            good, step = k, 1
            while True:
                cand = max(d.lo, good - step)
                if cand == good:
                    return_now = True
                    break
                if ok(cand):
                    good, step = cand, step * 2
                else:
                    bad, return_now = cand, False
                    break
        else:
            bad, step, return_now = k, 1, False
            while True:
                cand = min(d.hi, bad + step)
                if ok(cand):
                    good = cand
                    break
                bad, step = cand, step * 2
        if not return_now:
            while good - bad > 1:
                mid = (good + bad) // 2
                if ok(mid):
                    good = mid
                else:
                    bad = mid
        k = good
        # refuse near ties (cdf within 1e-12 of the probability: the answer would depend on rounding)
        for j in (k - 1, k):
            cdf, sf = d.cs(j)
            v = sf if upper else cdf
            if abs(v - c) <= mp.mpf(1e-12) * min(c, 1 - c):
                raise ValueError("near tie at k=%d for %s %s" % (j, d.name, d.params))
        return k


# ---------------------------------------------------------------- building the fixture

def param_json(params):
    out = {}
    for k, v in params.items():
        out[k] = v if isinstance(v, str) else str(v) if isinstance(v, int) else repr(float(v))
    return out


def log_pair(cdf, sf):
    """(log cdf, log sf), each from the accurate smaller member where that matters."""
    with mp.workdps(mp.mp.dps + GUARD):
        lc = NINF if cdf == 0 else mp.log(cdf) if cdf <= sf else mp.log1p(-sf)
        ls = NINF if sf == 0 else mp.log(sf) if sf <= cdf else mp.log1p(-cdf)
        return lc, ls


def representable(x):
    """True for an exact zero or a value within the normal double range (an underflowing one is not)."""
    x = abs(mp.mpf(x))
    return x == 0 or (mp.mpf(2.2250738585072014e-308) <= x <= mp.mpf(1.7976931348623157e308))


def build_set(d, points, discrete):
    where = "%s %s" % (d.name, json.dumps(param_json(d.params)))
    fr = d.frozen
    out = {"name": d.name, "params": param_json(d.params)}
    pts = []
    for x in points:
        key = "k" if discrete else "x"
        row = {key: str(x) if discrete else repr(float(x))}
        lp = d.logpmf(x) if discrete else d.logpdf(x)
        cdf, sf = d.cs(x)
        lc, ls = log_pair(cdf, sf)
        f1, f2 = ("pmf", "logpmf") if discrete else ("pdf", "logpdf")
        sp = (fr.pmf(x), fr.logpmf(x)) if discrete else (fr.pdf(x), fr.logpdf(x))
        with np.errstate(all="ignore"):
            settle(row, f1, sp[0], mp.exp(lp), "%s %s=%s" % (where, key, x))
            settle(row, f2, sp[1], lp, "%s %s=%s" % (where, key, x))
            settle(row, "cdf", fr.cdf(x), cdf, "%s %s=%s" % (where, key, x))
            settle(row, "sf", fr.sf(x), sf, "%s %s=%s" % (where, key, x))
            settle(row, "logcdf", fr.logcdf(x), lc, "%s %s=%s" % (where, key, x))
            settle(row, "logsf", fr.logsf(x), ls, "%s %s=%s" % (where, key, x))
        pts.append(row)
    out["points"] = pts
    qs = []
    for p in QPROBS:
        with np.errstate(all="ignore"):
            s_ppf, s_isf = float(fr.ppf(p)), float(fr.isf(p))
        pm = mp.mpf(p)
        if discrete:
            r_ppf = disc_quantile(d, pm, False, s_ppf)
            r_isf = disc_quantile(d, pm, True, s_isf)
        else:
            try:
                r_ppf = cont_quantile(d, p, False, s_ppf)
                r_isf = cont_quantile(d, p, True, s_isf)
            except (ArithmeticError, ValueError, ZeroDivisionError) as exc:
                if p == 1e-300:
                    print("  dropped quantile p=1e-300 of %s (%s)" % (where, exc))
                    continue
                raise
            if p == 1e-300 and not (representable(r_ppf) and representable(r_isf)):
                print("  dropped quantile p=1e-300 of %s (ppf %s, isf %s not representable)"
                      % (where, mp.nstr(r_ppf, 5), mp.nstr(r_isf, 5)))
                continue
        row = {"p": repr(p)}
        settle(row, "ppf", s_ppf, M(r_ppf), "%s p=%r" % (where, p))
        settle(row, "isf", s_isf, M(r_isf), "%s p=%r" % (where, p))
        qs.append(row)
    out["quantiles"] = qs
    with np.errstate(all="ignore"):
        m, v, sk, ku = (float(t) for t in fr.stats(moments="mvsk"))
        ent = float(fr.entropy())
        med = float(fr.median())
    ref = list(d.mvsk)
    for field, sv, rv in zip(("mean", "variance", "skewness", "excess_kurtosis"), (m, v, sk, ku), ref):
        settle(out, field, sv, rv, "%s moments" % where)
    if discrete and d.entropy is None:
        d.entropy = discrete_entropy(d, max(d.lo, min(int(med), d.hi)))
    settle(out, "entropy", ent, d.entropy, "%s entropy" % where)
    rmed = disc_quantile(d, M(1) / 2, False, med) if discrete else cont_quantile(d, 0.5, False, med)
    settle(out, "median", med, M(rmed), "%s median" % where)
    return out


def continuous_sets():
    return [
        (normal(0.0, 1.0), [-1e300, -40.0, -38.0, -37.5, -10.0, -1.0, 0.0, 0.5, 1.96, 8.5, 38.0, 1e300]),
        (normal(0.5, 2.0), [-1e10, -75.0, -3.0, 0.5, 1.0, 4.0, 20.0, 70.0]),
        (normal(-1000.0, 1e-3), [-1e300, -1000.04, -1000.001, -1000.0, -999.9995, -999.99, 0.0]),
        (lognormal(0.0, 1.0), [-1.0, 0.0, 1e-300, 1e-10, 0.5, 1.0, 3.0, 1e10, 1e300]),
        (lognormal(2.0, 0.25), [0.0, 1.0, 5.0, 7.389, 10.0, 30.0, 100.0]),
        (lognormal(-1.0, 3.0), [0.0, 1e-100, 1e-5, 0.3, 2.0, 1e5, 1e100]),
        (uniform(0.0, 1.0), [-1.0, 0.0, 1e-300, 0.25, 0.5, 1 - 1e-16, 1.0, 2.0]),
        (uniform(-2.0, 3.5), [-1e300, -2.0, -1.9, 0.0, 1.25, 3.5, 3.6, 1e300]),
        (exponential(1.0), [-1.0, 0.0, 1e-20, 1e-5, 0.5, 1.0, 10.0, 40.0, 700.0, 745.0, 800.0]),
        (exponential(3.0), [-1e-300, 0.0, 1e-20, 0.1, 1.0, 12.0, 200.0]),
        (exponential(1e-3), [0.0, 1e-20, 1.0, 1000.0, 5e4, 7e5]),
        (gamma(2.5, 1.0), [-1.0, 0.0, 1e-100, 1e-5, 0.5, 2.5, 10.0, 50.0, 700.0]),
        (gamma(0.1, 2.0), [0.0, 1e-300, 1e-30, 1e-5, 0.01, 0.05, 1.0, 10.0, 300.0]),
        (gamma(1e3, 0.5), [0.0, 1000.0, 1800.0, 1950.0, 2000.0, 2050.0, 2200.0, 3000.0]),
        (beta(2.0, 3.0), [-0.1, 0.0, 1e-10, 0.1, 0.4, 0.5, 0.9, 1 - 1e-10, 1.0, 1.1]),
        (beta(0.5, 0.5), [0.0, 1e-300, 1e-20, 1e-3, 0.25, 0.5, 0.999, 1 - 1e-12, 1.0]),
        (beta(200.0, 300.0), [0.0, 0.1, 0.3, 0.38, 0.4, 0.42, 0.5, 0.7, 1.0]),
        (beta(1.0, 3.0), [-1.0, 0.0, 1e-3, 0.5, 0.99, 1.0, 2.0]),
        (chisquared(1.0), [-1.0, 0.0, 1e-300, 1e-10, 0.1, 1.0, 3.84, 20.0, 1000.0]),
        (chisquared(4.0), [0.0, 1e-20, 0.5, 4.0, 9.49, 50.0, 1400.0]),
        (chisquared(250.0), [0.0, 100.0, 200.0, 250.0, 300.0, 400.0, 1000.0]),
        (student_t(1.5, 0.0, 1.0), [-1e300, -1e20, -1e5, -10.0, -1.0, 0.0, 0.5, 3.0, 1e5, 1e20]),
        (student_t(5.0, 2.0, 3.0), [-1e10, -1e3, -40.0, -5.0, 0.0, 2.0, 3.0, 10.0, 100.0, 1e10]),
        (student_t(30.0, 0.0, 1.0), [-1e5, -40.0, -5.0, -1.0, 0.0, 2.0, 8.0, 1e3]),
        (student_t(1e6, 0.0, 1.0), [-30.0, -8.0, -1.0, 0.0, 1.96, 5.0, 20.0]),
        (cauchy(0.0, 1.0), [-1e300, -1e20, -10.0, -1.0, 0.0, 0.3, 5.0, 1e20, 1e300]),
        (cauchy(-2.0, 0.5), [-1e10, -3.0, -2.0, -1.9, 0.0, 1e15]),
        (laplace(0.0, 1.0), [-800.0, -30.0, -1.0, 0.0, 1e-20, 0.5, 2.0, 30.0, 745.0, 800.0]),
        (laplace(3.0, 0.5), [-400.0, -2.0, 2.5, 3.0, 3.25, 20.0, 370.0]),
        (logistic(0.0, 1.0), [-800.0, -40.0, -1.0, 0.0, 1e-10, 2.0, 40.0, 800.0]),
        (logistic(-1.0, 2.0), [-1500.0, -30.0, -1.0, 0.0, 5.0, 90.0, 1500.0]),
        (gumbel(0.0, 1.0), [-10.0, -5.0, -3.0, -1.0, 0.0, 1.0, 5.0, 40.0, 700.0, 800.0]),
        (gumbel(2.0, 0.5), [-3.0, 0.0, 1.0, 2.0, 2.5, 10.0, 350.0]),
        (weibull(0.5, 1.0), [-1.0, 0.0, 1e-20, 0.01, 0.5, 1.0, 5.0, 100.0, 1e5]),
        (weibull(1.0, 2.0), [0.0, 1e-20, 0.1, 2.0, 10.0, 1000.0]),
        (weibull(3.5, 10.0), [0.0, 1e-10, 1.0, 5.0, 9.0, 10.0, 15.0, 30.0, 80.0]),
        (pareto(1.0, 3.0), [0.0, 0.5, 1.0, 1 + 1e-10, 2.0, 10.0, 1e10, 1e100]),
        (pareto(2.5, 0.5), [1.0, 2.5, 3.0, 100.0, 1e10, 1e300]),
        (pareto(1.0, 5.0), [-1.0, 0.999, 1.0, 1.5, 4.0, 1e20]),
        (f_dist(5.0, 10.0), [-1.0, 0.0, 1e-10, 0.3, 1.0, 3.33, 10.0, 1000.0, 1e10]),
        (f_dist(1.0, 1.0), [0.0, 1e-20, 0.01, 1.0, 100.0, 1e20]),
        (f_dist(2.0, 7.0), [0.0, 1e-10, 0.5, 4.74, 50.0, 1e6]),
        (f_dist(50.0, 3.0), [0.0, 0.01, 0.5, 1.0, 5.0, 1e3, 1e30]),
        (inverse_gamma(3.0, 2.0), [-1.0, 0.0, 1e-3, 0.1, 0.5, 1.0, 10.0, 1e5, 1e20]),
        (inverse_gamma(0.5, 1.0), [0.0, 1e-3, 0.05, 1.0, 100.0, 1e10, 1e100]),
        (inverse_gamma(50.0, 10.0), [0.0, 0.05, 0.1, 0.2, 0.3, 1.0, 10.0]),
    ]


def discrete_sets():
    return [
        (bernoulli(0.3), [-5, -1, 0, 1, 2, 10]),
        (bernoulli(3e-9), [-5, -1, 0, 1, 2, 10]),
        (binomial(10, 0.3), [-1, 0, 1, 3, 5, 9, 10, 11]),
        (binomial(1000000, 1e-4), [-1, 0, 20, 60, 100, 140, 300, 1000, 1000000, 1000001]),
        (binomial(50, 0.999), [0, 10, 40, 48, 49, 50, 51]),
        (poisson(3.5), [-1, 0, 1, 3, 10, 50, 200]),
        (poisson(0.01), [-1, 0, 1, 2, 10, 100]),
        (poisson(1e5), [0, 90000, 99000, 99999, 100000, 101000, 110000, 200000]),
        (geometric(0.3, "trials"), [-1, 0, 1, 2, 5, 50, 1000, 3000]),
        (geometric(1e-3, "trials"), [0, 1, 10, 693, 5000, 100000]),
        (geometric(0.3, "failures"), [-1, 0, 1, 2, 5, 50, 1000, 3000]),
        (geometric(0.95, "failures"), [0, 1, 3, 10, 100, 300]),
        (negative_binomial(2.5, 0.3), [-1, 0, 1, 5, 10, 40, 200, 2000]),
        (negative_binomial(1000.0, 0.9), [0, 50, 100, 111, 130, 200, 1000]),
        (negative_binomial(0.5, 0.02), [0, 1, 10, 100, 1000, 10000, 30000]),
        (hypergeometric(50, 20, 10), [-1, 0, 1, 4, 7, 10, 11]),
        (hypergeometric(100, 60, 80), [39, 40, 41, 48, 55, 60, 61]),
        (hypergeometric(1000000, 1000, 500), [-1, 0, 1, 3, 10, 50, 500]),
        (discrete_uniform(-3, 3), [-4, -3, -1, 0, 2, 3, 4]),
        (discrete_uniform(5, 1000003), [4, 5, 6, 250000, 999999, 1000003, 1000004]),
    ]


def main():
    out = {"continuous": [], "discrete": []}
    for d, pts in continuous_sets():
        print(d.name, d.params)
        out["continuous"].append(build_set(d, pts, False))
    for d, pts in discrete_sets():
        print(d.name, d.params)
        out["discrete"].append(build_set(d, pts, True))
    out["overrides"] = OVERRIDES
    path = os.path.join(HERE, "distributions.json")
    with open(path, "w") as fh:
        fh.write("{\n")
        for i, key in enumerate(("continuous", "discrete")):
            fh.write(' "%s": [\n' % key)
            fh.write(",\n".join("  " + json.dumps(s, separators=(",", ":")) for s in out[key]))
            fh.write("\n ],\n")
        fh.write(' "overrides": [\n')
        fh.write(",\n".join("  " + json.dumps({**o, "rel": fnum(o["rel"])}, separators=(",", ":")) for o in OVERRIDES))
        fh.write("\n ]\n}\n")
    json.load(open(path))
    print("\n%d values overridden by mpmath:" % len(OVERRIDES))
    by = {}
    for o in OVERRIDES:
        by.setdefault(o["where"].split(" ")[0] + " " + o["field"], []).append(o)
    for k in sorted(by):
        worst = max(by[k], key=lambda o: o["rel"])
        print("  %-34s %3d  worst rel %.3g  (%s: scipy %s, mpmath %s)" % (
            k, len(by[k]), worst["rel"], worst["where"], worst["scipy"], worst["mpmath"]))
    print("wrote %s (%d bytes)" % (path, os.path.getsize(path)))


if __name__ == "__main__":
    main()
