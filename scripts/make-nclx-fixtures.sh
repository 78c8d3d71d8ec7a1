#!/usr/bin/env bash
# Makes the AVIF files with an nclx colour box (no ICC) used by NCLXColorTests, from the wide-gamut JPEGs in
# Tests/Corpus: their pixel values are kept as they are (untagged, 200x160 nearest-neighbour), then encoded
# losslessly (4:4:4, RGB matrix) by heif-enc (libheif-examples) with the nclx primaries and transfer of the
# JPEG's ICC profile: DCI-P3-D65-2_2-Gamma -> primaries 12 (Display P3), transfer 4 (gamma 2.2);
# R2020-D65-2_2-Gamma -> primaries 9 (BT.2020), transfer 4. Needs Pillow.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/ImageCodecsTests/Golden/nclx; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make() {  # make SOURCE PRIMARIES OUTPUT
    python3 -c "
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB').resize((200, 160), Image.NEAREST)
Image.frombytes('RGB', im.size, im.tobytes()).save(sys.argv[2])" "Tests/Corpus/wide-gamut-tests/$1" "$tmp/raw.png"
    heif-enc -L -p chroma=444 -o "$out/$3" "$tmp/raw.png" >/dev/null
    python3 -c "
import sys
path, primaries, transfer = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = bytearray(open(path, 'rb').read())
at = data.find(b'colrnclx')
assert at > 0 and data.find(b'colrnclx', at + 1) < 0, 'one colr/nclx box expected'
data[at + 8:at + 12] = primaries.to_bytes(2, 'big') + transfer.to_bytes(2, 'big')
open(path, 'wb').write(data)" "$out/$3" "$2" 4
}
make P3-sRGB-color-bars.jpg 12 p3-gamma22-nclx.avif
make R2020-sRGB-color-ring.jpg 9 bt2020-gamma22-nclx.avif
