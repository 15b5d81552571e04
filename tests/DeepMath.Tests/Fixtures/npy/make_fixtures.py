#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures read by tests/DeepMath.Tests/Data/NpyFixtureTests.cs.

Run with Debian's NumPy (python3-numpy): /usr/bin/python3 make_fixtures.py
The generated files are small and committed, so the tests never call Python.
manifest.json lists every array with its dtype, shape and values (floats as repr strings, so
NaN, infinities and every bit survive the round trip)."""
import json
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2024)
entries = []


def describe(name, a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype.kind == "f":
        values = [repr(float(v)) for v in flat]
    elif a.dtype.kind == "b":
        values = [bool(v) for v in flat]
    else:
        values = [int(v) for v in flat]
    return dict(file=name, dtype=a.dtype.newbyteorder("=").name, shape=list(a.shape), values=values)


def save(name, a, version=None):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        if version is None:
            np.save(f, a)
        else:
            npformat.write_array(f, a, version=version)
    entries.append(describe(name, a))


floats = rng.standard_normal((3, 4)) * 100
save("float64_c.npy", floats)
save("float32_c.npy", floats.astype(np.float32))
save("float16_c.npy", floats.astype(np.float16))
specials = np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308])
save("float64_special.npy", specials)
save("float32_special.npy", specials.astype(np.float32))
for dt in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
    info = np.iinfo(dt)
    a = np.array([info.min, info.max, 0, 1, 7, info.max // 3], dtype=dt).reshape(2, 3)
    save(f"{dt}_c.npy", a)
save("bool_c.npy", np.array([[True, False, True], [False, False, True]]))
save("float64_big.npy", floats.astype(">f8"))
save("float32_big.npy", floats.astype(">f4"))
save("int32_big.npy", np.arange(-6, 6, dtype=">i4").reshape(3, 4))
save("uint16_big.npy", np.arange(0, 60000, 5000, dtype=">u2"))
save("float64_fortran.npy", np.asfortranarray(floats))
save("int16_fortran_3d.npy", np.asfortranarray(np.arange(24, dtype=np.int16).reshape(2, 3, 4)))
save("float32_scalar.npy", np.array(3.25, dtype=np.float32))
save("float64_empty.npy", np.zeros((0,), dtype=np.float64))
save("int64_empty_2x0x3.npy", np.zeros((2, 0, 3), dtype=np.int64))
save("float64_v2.npy", floats, version=(2, 0))
save("float64_v3.npy", floats, version=(3, 0))
save("float32_1d.npy", np.linspace(0, 1, 7, dtype=np.float32))

arrays = dict(weights=floats.astype(np.float32), labels=np.arange(5, dtype=np.int64), mask=np.array([True, False]))
np.savez(os.path.join(HERE, "stored.npz"), **arrays)
np.savez_compressed(os.path.join(HERE, "deflated.npz"), **arrays)
for archive in ("stored.npz", "deflated.npz"):
    for key, a in arrays.items():
        entries.append(dict(describe(archive, a), key=key))

printing = [
    np.arange(12.0).reshape(3, 4),
    np.array([1.5, 2.25, -3.0]),
    np.array([1e-5, 1.5e10, np.nan]),
    np.arange(24).reshape(2, 3, 4),
    np.array([True, False, True]),
    np.arange(2000.0),
    rng.standard_normal((2, 3)).astype(np.float32),
    np.array([0.1, 0.12345678912]),
    np.arange(2500.0).reshape(50, 50),
    np.array(3.25),
    np.linspace(0, 1, 30),
    np.array([-0.0, 0.0, 1.0]),
    np.array([[1, -200], [30000, 4]], dtype=np.int32),
    np.array([np.inf, -np.inf, 1.0]),
    np.array([100000000.0, 1.0]),
    np.array([[0.5, 0.25], [0.125, 1.0]], dtype=np.float32),
    np.arange(60).reshape(3, 4, 5) * 1.5,
    np.arange(1100).reshape(11, 100),
]
cases = [dict(describe("", a), expected=str(a)) for a in printing]
with open(os.path.join(HERE, "printing.json"), "w") as f:
    json.dump(dict(numpy=np.__version__, cases=cases), f, indent=1)

with open(os.path.join(HERE, "manifest.json"), "w") as f:
    json.dump(dict(numpy=np.__version__, entries=entries), f, indent=1)
print(f"wrote {len(entries)} fixtures with NumPy {np.__version__}")
