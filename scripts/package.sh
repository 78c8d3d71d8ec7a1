#!/usr/bin/env bash
# Builds the release `imageprep` with the Swift standard library and Foundation linked statically, checks its
# shared libraries against deploy/runtime-libs.txt (scripts/check-runtime.sh), and packs a tarball with the
# binary and that list: dist/imageprep-<version>-linux-<arch>.tar.gz. The Containerfile copies the same binary.
# Usage: bash scripts/package.sh [--skip-build]   (the release build takes ~20 minutes on 2 loaded cores)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if [[ "${1:-}" != "--skip-build" ]]; then
    swift build -c release --static-swift-stdlib --product imageprep
fi
binary=.build/release/imageprep
bash scripts/check-runtime.sh "$binary"
version=$("$binary" --version)
name="imageprep-${version}-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" dist
cp "$binary" "$stage/$name/imageprep"
strip "$stage/$name/imageprep"
cp deploy/runtime-libs.txt "$stage/$name/"
cp docs/SCALE.md "$stage/$name/"
tar -C "$stage" -czf "dist/$name.tar.gz" "$name"
echo "package: dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1); binary $(du -h "$stage/$name/imageprep" | cut -f1) stripped)"
