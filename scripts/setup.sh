#!/usr/bin/env bash
# Installs the Debian packages ImagePrep builds and tests with. Safe to run again.
# Usage: bash scripts/setup.sh [--bench]   (--bench adds the peer tools the benchmarks compare against)
set -euo pipefail

packages=(pkg-config libjpeg-dev libpng-dev libwebp-dev liblcms2-dev libdeflate-dev libsqlite3-dev libgs-common python3-pil libjpeg-turbo-progs)
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(libvips-tools graphicsmagick imagemagick python3-pip)
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
