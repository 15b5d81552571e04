"""Polygamma ψ⁽ⁿ⁾(x) at 50 digits (mpmath), for PolygammaTests. Run: /usr/bin/python3 make_polygamma.py"""
import json
import os
import mpmath as mp

mp.mp.dps = 50
rows = []
for n in [2, 3, 4, 7]:
    for x in [1e-3, 0.3, 1.0, 2.5, 9.5, 30.0, 1e3, -0.5, -2.3]:
        rows.append({"n": n, "x": repr(x), "y": mp.nstr(mp.polygamma(n, x), 25, min_fixed=-1, max_fixed=-1)})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "polygamma.json"), "w") as fh:
    json.dump(rows, fh, indent=0)
    fh.write("\n")
