#!/usr/bin/env bash
# Makes the before/after pictures and figures of docs/FIDELITY.md: edits samples/photo-rotated.jpg against the
# in-process sandbox in its drifting mode (--sandbox-drift: 2 px shift, colour cast, noise), with
# --keep-outside-mask --full-resolution, then shrinks the base, the raw result, the composite and their
# differences from the base to small PNGs in docs/fidelity/ and stores `tasks show --json` as figures.json.
# Needs python3 with Pillow and numpy. Usage: bash scripts/make-fidelity-pictures.sh [--match-color]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build --product imageprep >/dev/null 2>&1
bin=$(swift build --show-bin-path)/imageprep
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
IMAGEPREP_TIME_SCALE=0.2 "$bin" edit samples/photo-rotated.jpg --shapes samples/edit-region.json --feather 4 \
    --prompt "Replace the sky with a starry night" -o "$work" --store "$work/tasks.sqlite" \
    --sandbox --sandbox-drift --sandbox-task-duration 0.5 --keep-outside-mask --full-resolution "$@" | tee "$work/edit.txt"
"$bin" tasks show 1 --json --store "$work/tasks.sqlite" > "$work/task.json"
mkdir -p docs/fidelity
python3 - "$work" <<'PY'
import json, sys
import numpy as np
from PIL import Image
work = sys.argv[1]
task = json.load(open(f"{work}/task.json"))
entry = task["fidelity"][0]
width = 320
def load(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
def save(array, name):
    image = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    small = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    small.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(f"docs/fidelity/{name}", optimize=True)   # small files
base, raw, kept = load(f"{work}/base.png"), load(entry["path"]), load(entry["kept_path"])
mask = np.asarray(Image.open(f"{work}/mask.png").convert("RGBA"))[..., 3] > 0   # opaque = kept
def difference(image):
    d = np.abs(image - base).max(axis=2) * 8                           # largest channel difference, x8
    out = np.stack([d, d, d], axis=2)
    out[~mask] = out[~mask] // 4 + np.array([0, 0, 96])                # the edit region tinted blue
    return out
save(base, "base.png"); save(raw, "result.png"); save(kept, "kept.png")
save(difference(raw), "difference-result.png"); save(difference(kept), "difference-kept.png")
full = Image.open(entry["full_resolution_path"])
json.dump({"report": entry["report"], "color_match": entry.get("color_match"), "full_resolution_size": list(full.size),
           "original_stored_size": list(Image.open("samples/photo-rotated.jpg").size)},
          open("docs/fidelity/figures.json", "w"), indent=2, sort_keys=True)
print(json.dumps(entry["report"], indent=2, sort_keys=True))
PY
echo "pictures and figures written to docs/fidelity/"
