"""scipy.stats maximum likelihood fits, the reference for MaximumLikelihoodTests: for each distribution, 400
draws from a fixed seed and scipy's `dist.fit` with the location (and for some the scale) fixed so the
parameterisation matches DeepMath's. Run: /usr/bin/python3 make_fits.py  (writes fits.json here).
scipy's optimizer (fmin) stops at xtol 1e-4, so each case also records the optimum: scipy's estimate
polished by Nelder-Mead and BFGS at tight tolerances. The C# test demands 1e-6 agreement with scipy.fit
where scipy.fit is itself within 1e-6 of that optimum, and with the optimum always."""
import json
import os

import numpy as np
from scipy import optimize, stats

rng = np.random.default_rng(20261203)
N = 400


def r(v):
    return repr(float(v))


cases = []


# DeepMath's parameters -> scipy's logpdf, for polishing scipy's estimate to the true optimum.
LOGPDF = {
    "Gamma": lambda d, p: stats.gamma.logpdf(d, p["shape"], 0, 1 / p["rate"]),
    "Beta": lambda d, p: stats.beta.logpdf(d, p["alpha"], p["beta"]),
    "Weibull": lambda d, p: stats.weibull_min.logpdf(d, p["shape"], 0, p["scale"]),
    "StudentT": lambda d, p: stats.t.logpdf(d, p["dof"], p["loc"], p["scale"]),
    "Cauchy": lambda d, p: stats.cauchy.logpdf(d, p["loc"], p["scale"]),
    "Logistic": lambda d, p: stats.logistic.logpdf(d, p["loc"], p["scale"]),
    "Gumbel": lambda d, p: stats.gumbel_r.logpdf(d, p["loc"], p["scale"]),
    "InverseGamma": lambda d, p: stats.invgamma.logpdf(d, p["shape"], 0, p["scale"]),
    "ChiSquared": lambda d, p: stats.chi2.logpdf(d, p["dof"]),
    "F": lambda d, p: stats.f.logpdf(d, p["dof1"], p["dof2"]),
}
POSITIVE = {"shape", "rate", "alpha", "beta", "scale", "dof", "dof1", "dof2"}


def polish(name, data, params):
    """The optimum scipy.fit stops short of: Nelder-Mead then BFGS from its estimate, positive parameters in logs."""
    if name not in LOGPDF:
        return params
    keys = list(params)
    to_u = lambda p: np.array([np.log(p[k]) if k in POSITIVE else p[k] for k in keys])
    to_p = lambda u: {k: (np.exp(v) if k in POSITIVE else v) for k, v in zip(keys, u)}
    nll = lambda u: -LOGPDF[name](data, to_p(u)).sum() / len(data)
    u = optimize.minimize(nll, to_u(params), method="Nelder-Mead", options={"xatol": 1e-13, "fatol": 1e-16, "maxiter": 20000}).x
    u = optimize.minimize(nll, u, method="BFGS", options={"gtol": 1e-12}).x
    return to_p(u)


def add(name, data, params, ll):
    best = polish(name, data, params)
    best_ll = LOGPDF[name](data, best).sum() if name in LOGPDF else ll
    if best_ll < ll:
        best, best_ll = params, ll
    cases.append({"name": name, "data": [r(v) for v in data], "params": {k: r(v) for k, v in params.items()}, "loglik": r(ll),
                  "optimum": {k: r(v) for k, v in best.items()}, "optimum_loglik": r(best_ll)})


d = rng.gamma(2.5, 1 / 1.5, N)
a, loc, scale = stats.gamma.fit(d, floc=0)
add("Gamma", d, {"shape": a, "rate": 1 / scale}, stats.gamma.logpdf(d, a, 0, scale).sum())

d = rng.beta(2.0, 5.0, N)
a, b, loc, scale = stats.beta.fit(d, floc=0, fscale=1)
add("Beta", d, {"alpha": a, "beta": b}, stats.beta.logpdf(d, a, b).sum())

d = 3 * rng.weibull(1.7, N)
c, loc, scale = stats.weibull_min.fit(d, floc=0)
add("Weibull", d, {"shape": c, "scale": scale}, stats.weibull_min.logpdf(d, c, 0, scale).sum())

d = 1 + 2 * rng.standard_t(4, N)
df, loc, scale = stats.t.fit(d)
add("StudentT", d, {"dof": df, "loc": loc, "scale": scale}, stats.t.logpdf(d, df, loc, scale).sum())

d = -1 + 0.5 * rng.standard_cauchy(N)
loc, scale = stats.cauchy.fit(d)
add("Cauchy", d, {"loc": loc, "scale": scale}, stats.cauchy.logpdf(d, loc, scale).sum())

d = rng.logistic(0.5, 1.5, N)
loc, scale = stats.logistic.fit(d)
add("Logistic", d, {"loc": loc, "scale": scale}, stats.logistic.logpdf(d, loc, scale).sum())

d = rng.gumbel(1, 2, N)
loc, scale = stats.gumbel_r.fit(d)
add("Gumbel", d, {"loc": loc, "scale": scale}, stats.gumbel_r.logpdf(d, loc, scale).sum())

d = 2 / rng.gamma(3, 1, N)
a, loc, scale = stats.invgamma.fit(d, floc=0)
add("InverseGamma", d, {"shape": a, "scale": scale}, stats.invgamma.logpdf(d, a, 0, scale).sum())

d = rng.normal(1.5, 2, N)
loc, scale = stats.norm.fit(d)
add("Normal", d, {"mean": loc, "std": scale}, stats.norm.logpdf(d, loc, scale).sum())

d = rng.lognormal(0.3, 0.8, N)
s, loc, scale = stats.lognorm.fit(d, floc=0)
add("LogNormal", d, {"mu": np.log(scale), "sigma": s}, stats.lognorm.logpdf(d, s, 0, scale).sum())

d = rng.exponential(1 / 3, N)
loc, scale = stats.expon.fit(d, floc=0)
add("Exponential", d, {"rate": 1 / scale}, stats.expon.logpdf(d, 0, scale).sum())

d = rng.laplace(2, 3, N)
loc, scale = stats.laplace.fit(d)
add("Laplace", d, {"loc": loc, "scale": scale}, stats.laplace.logpdf(d, loc, scale).sum())

d = rng.chisquare(3.0, N)
df, loc, scale = stats.chi2.fit(d, floc=0, fscale=1)
add("ChiSquared", d, {"dof": df}, stats.chi2.logpdf(d, df).sum())

d = rng.f(5, 12, N)
dfn, dfd, loc, scale = stats.f.fit(d, floc=0, fscale=1)
add("F", d, {"dof1": dfn, "dof2": dfd}, stats.f.logpdf(d, dfn, dfd).sum())

d = 2 * (1 + rng.pareto(3, N))
b, loc, scale = stats.pareto.fit(d, floc=0)
add("Pareto", d, {"scale": scale, "shape": b}, stats.pareto.logpdf(d, b, 0, scale).sum())

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fits.json"), "w") as fh:
    json.dump(cases, fh)
    fh.write("\n")
for c in cases:
    worst = max(abs(float(c["params"][k]) / float(c["optimum"][k]) - 1) for k in c["params"])
    print(f'{c["name"]}: scipy.fit {c["params"]} (log-likelihood {c["loglik"]}); optimum {c["optimum"]} ({c["optimum_loglik"]}); scipy.fit off by {worst:.1e}')
