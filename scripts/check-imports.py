#!/usr/bin/env python3
"""Reads every Swift target's imports under Sources/ and fails on an arrow that runs outward (a module importing
one that is not below it in docs/ARCHITECTURE.md) or on a C module imported outside the targets allowed to
touch C. Usage: python3 scripts/check-imports.py [--self-test]"""
import os
import re
import sys

# The project's modules and what each may import (docs/ARCHITECTURE.md). Anything not named here (Foundation,
# Glibc, GRDB, NIO, Hummingbird, …) is a platform or package module and is not policed, except C modules.
ALLOWED = {
    "ImageCore": set(),
    "SystemIO": {"ImageCore"},
    "ImageCodecs": {"ImageCore", "SystemIO"},
    "ImageMasks": {"ImageCore", "SystemIO"},
    "ImageRules": {"ImageCore", "SystemIO", "ImageCodecs"},
    "ImageFidelity": {"ImageCore", "SystemIO", "ImageCodecs"},
    "ImagePrep": {"ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImageAPI", "ImageSandbox", "ImageFidelity",
                  "ImageBatch"},
    "ImageBatch": {"ImageCore", "SystemIO"},
    "ImageAPI": {"ImageCore", "SystemIO", "ImageCodecs", "ImageRules", "ImageFidelity"},
    "ImageSandbox": {"ImageCore", "SystemIO", "ImageCodecs", "ImageRules"},
    "ImageStudio": {"ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImageAPI", "ImageSandbox", "ImagePrep"},
    "ImagePrepTestSupport": {"ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImagePrep", "ImageBatch"},
}
# Our C and the Swift targets allowed to import each: the codec shim and the system libraries are reached only
# from ImageCodecs; the resampler's kernels (plain arithmetic, no library, no longjmp) only from ImageCore.
CODEC_C = {"CImageShims", "CPNG", "CJPEG", "CWebP", "CLCMS2", "CDeflate", "CGif", "CTiff"}
C_ALLOWED = {**{module: {"ImageCodecs"} for module in CODEC_C}, "CKernels": {"ImageCore"}}
# Executable and other top-level targets may import any library module (never C): the CLI, and targets added
# later that the table does not name yet.
TOP = "top"

IMPORT = re.compile(r"^\s*(?:@_exported\s+|@testable\s+|@preconcurrency\s+)*(?:public\s+|package\s+|internal\s+|private\s+|fileprivate\s+)?"
                    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def imports(text):
    # Comments cannot hide an import, and a commented-out import is not one.
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return set(IMPORT.findall(text))


def check(sources):
    """Yields one line per violation for the Swift files under `sources` (a folder per target)."""
    ours = set(ALLOWED) | {name for name in os.listdir(sources) if os.path.isdir(os.path.join(sources, name))}
    for target in sorted(os.listdir(sources)):
        folder = os.path.join(sources, target)
        if not os.path.isdir(folder):
            continue
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    used = imports(f.read())
                for module in sorted(used):
                    if module in C_ALLOWED:
                        if target not in C_ALLOWED[module]:
                            yield f"{path}: imports the C module {module}; only {', '.join(sorted(C_ALLOWED[module]))} may"
                    elif module in ours and module != target:
                        allowed = ALLOWED.get(target, TOP)
                        if allowed != TOP and module not in allowed:
                            yield f"{path}: {target} imports {module}, an arrow that runs outward"


def self_test():
    """The checker must fail on a planted outward arrow and a planted C import, and pass a clean tree."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        def write(target, text):
            os.makedirs(os.path.join(tmp, target), exist_ok=True)
            with open(os.path.join(tmp, target, "F.swift"), "w") as f:
                f.write(text)
        write("ImageCore", "import Foundation\nimport CKernels\n// import ImagePrep\n")
        write("ImageCodecs", "public import ImageCore\nimport CJPEG\n")
        assert list(check(tmp)) == [], list(check(tmp))
        write("ImageMasks", "import ImageCore\n@preconcurrency import ImageCodecs\n")
        write("ImagePrep", "import CLCMS2\n")
        write("ImageCodecs", "public import ImageCore\nimport CKernels\n")
        found = list(check(tmp))
        assert len(found) == 3 and "C module CKernels; only ImageCore" in found[0] \
            and "ImageMasks imports ImageCodecs" in found[1] and "C module CLCMS2" in found[2], found
    print("check-imports: self-test passed (a planted outward arrow and planted C imports are caught)")


if __name__ == "__main__":
    if "--self-test" in sys.argv:
        self_test()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
    problems = list(check(root))
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"check-imports: {len(problems)} import(s) break the module graph (docs/ARCHITECTURE.md)", file=sys.stderr)
        sys.exit(1)
    print("check-imports: every import runs inward")
