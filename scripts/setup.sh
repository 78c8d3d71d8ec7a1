#!/usr/bin/env bash
# Installs the Debian packages ImagePrep builds and tests with. Safe to run again.
# Usage: bash scripts/setup.sh [--bench]   (--bench adds the peer tools the benchmarks compare against)
set -euo pipefail

packages=(pkg-config libjpeg-dev libpng-dev libwebp-dev liblcms2-dev libdeflate-dev libsqlite3-dev libgs-common python3-pil libjpeg-turbo-progs
          libheif-dev libheif-examples libgif-dev libtiff-dev)  # issue 17: HEIF/AVIF (libheif 1.15 links libde265, dav1d, aom), GIF, TIFF
packages+=(chromium chromium-driver python3-pip)  # the studio's browser tests (scripts/studio-tests.sh)
packages+=(python3-yaml)  # scripts/check-deploy.py reads the Kubernetes manifest
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(libvips-tools graphicsmagick imagemagick python3-pip webp)  # webp: cwebp, the W5 floor
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    sudo_cmd=""
    if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
    echo "setup: installing ${missing[*]}" >&2
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    if [[ -x /opt/swift/usr/bin/swift ]]; then
        echo "setup: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "setup: Swift 6.1 or newer is required (https://swift.org/install)" >&2
        exit 1
    fi
fi

# The studio's browser tests: pytest + Selenium (driving the chromium above) + Pillow, pinned.
studio_pip=(selenium==4.51.0 pytest==9.0.3 pillow==11.3.0)
if ! python3 -c 'import selenium, pytest, PIL, sys; sys.exit(0 if (selenium.__version__, pytest.__version__, PIL.__version__) == ("4.51.0", "9.0.3", "11.3.0") else 1)' 2>/dev/null; then
    echo "setup: installing ${studio_pip[*]}" >&2
    python3 -m pip install --quiet "${studio_pip[@]}" 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages "${studio_pip[@]}"  # Debian's python (PEP 668)
fi
