#!/usr/bin/env bash
# Runs ImagePrep's test suite on a fresh Debian 12 machine: installs what it needs, builds, tests.
# The tests run on the repository's own corpus (Tests/Corpus); the team's shared corpora (../shared/corpora,
# or $IMAGEPREP_CORPORA) extend them when present. The suite prints how many corpus files it used.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
python3 scripts/check-imports.py --self-test  # arrows run inward, C only in ImageCodecs (docs/ARCHITECTURE.md)
python3 scripts/check-function-length.py --self-test  # no function over 60 lines without a reason in a comment
python3 scripts/check-throws.py --self-test  # every public throwing call names its errors; single-type ones are typed
python3 scripts/check-deploy.py  # deploy/ files follow the worker contract (exit 1 fails an index, 75 retries)
swift build --build-tests
swift test --skip-build
bash scripts/studio-tests.sh  # the studio page in headless Chromium (Selenium), against the sandbox
bash scripts/docs.sh      # DocC catalogs of every public module, snippets included; fails on any warning (~1.5 min)
bash scripts/sanitize.sh --quick  # ASan+LSan replay of corpus, samples and fuzz regressions through every fuzz target
