#!/usr/bin/env bash
# Browser tests of `imageprep studio`: pytest + Selenium drive Debian's chromium (chromium-driver) headless
# against `imageprep studio --sandbox --no-open --port 0` (Tests/Browser). Screenshots of the main states go
# to .build/studio-screenshots/. Needs what scripts/setup.sh installs (chromium, chromium-driver, the pinned
# pip packages). Usage: bash scripts/studio-tests.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then export PATH=/opt/swift/usr/bin:$PATH; fi

swift build --product imageprep >/dev/null 2>&1 || swift build --product imageprep  # the second run shows why
binary="$(swift build --show-bin-path)/imageprep"
for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null || { echo "studio-tests: $tool is missing; run scripts/setup.sh" >&2; exit 1; }
done
mkdir -p .build/studio-screenshots
python3 -m pytest -q -p no:cacheprovider Tests/Browser --imageprep "$binary" "$@"
