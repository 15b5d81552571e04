#!/usr/bin/env bash
# Writes the fuzzing seeds (small valid inputs of every target) into fuzz/seeds/TARGET/.
# Needs /usr/bin/python3 with NumPy and a built src/DeepMath.Cli (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
S=fuzz/seeds
rm -rf "$S"; mkdir -p "$S"/{npy,npz,safetensors,idx,csv,csv-labeled,checkpoint,model-spec,schedule}
cp tests/DeepMath.Tests/Fixtures/npy/int32_c.npy tests/DeepMath.Tests/Fixtures/npy/float64_fortran.npy "$S/npy/"
cp tests/DeepMath.Tests/Fixtures/npy/stored.npz tests/DeepMath.Tests/Fixtures/npy/deflated.npz "$S/npz/"
/usr/bin/python3 - "$S" <<'PY'
import gzip, struct, sys
import numpy as np
s = sys.argv[1]
np.save(f"{s}/npy/bool_3d.npy", np.array([[[True, False]], [[False, True]]]))
np.save(f"{s}/npy/float32_empty.npy", np.zeros((0, 3), dtype=np.float32))
img = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
raw = struct.pack(">BBBB", 0, 0, 0x08, 3) + struct.pack(">III", 2, 3, 4) + img.tobytes()
open(f"{s}/idx/images.idx", "wb").write(raw)
open(f"{s}/idx/images.idx.gz", "wb").write(gzip.compress(raw))
open(f"{s}/idx/labels.idx", "wb").write(struct.pack(">BBBB", 0, 0, 0x08, 1) + struct.pack(">I", 3) + bytes([1, 2, 3]))
open(f"{s}/csv/header.csv", "w").write("a,b,c\n1,2,3\n4.5,nan,-inf\n")
open(f"{s}/csv/quoted.csv", "w").write('"x","y"\n"1",2\n3,"4"\n')
open(f"{s}/csv-labeled/labeled.csv", "w").write("3,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n6.2,2.9,1\n")
open(f"{s}/model-spec/mlp.txt", "w").write("784-128-10:relu,dropout=0.2,init=he")
open(f"{s}/model-spec/json.txt", "w").write('[{"type":"linear","in":4,"out":8,"init":"he"},{"type":"relu"},{"type":"linear","in":8,"out":3}]')
open(f"{s}/schedule/warmup.txt", "w").write("warmup:5+cosine:0.01")
open(f"{s}/schedule/multistep.txt", "w").write("multistep:2,4:0.1")
PY
TMP=$(mktemp -d)
src/DeepMath.Cli/bin/Release/net10.0/deepmath train --dataset iris --model 4-3-3:relu --epochs 1 --out "$TMP" > /dev/null
cp "$TMP/model.safetensors" "$S/checkpoint/iris.safetensors"
cp "$TMP/model.safetensors" "$S/safetensors/iris.safetensors"
rm -rf "$TMP"
ls -R "$S" | head -40
