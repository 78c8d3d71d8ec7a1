#!/usr/bin/env python3
"""Fails when a function or initializer in Sources/ runs over 60 lines without saying why.

The reason is a comment within the eight lines above the declaration that contains "over 60 lines"
(house style). String literals and // comments are blanked before braces are counted.
Usage: python3 scripts/check-function-length.py [--self-test] [ROOT]   (ROOT default Sources)
"""
import os
import re
import sys

LIMIT = 60
DECLARATION = re.compile(r'^\s*((public|private|fileprivate|internal|package|static|class|override|mutating|nonisolated|final|'
                         r'convenience|required|@\w+(\([^)]*\))?)\s+)*(func|init[?!]?)\b')


def blank(line):
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return re.sub(r'//.*', '', line)


def long_functions(text):
    """(line number, length, has reason) of every function over LIMIT lines in Swift source `text`."""
    raw = text.split('\n')
    code = [blank(line) for line in raw]
    found = []
    for i, line in enumerate(code):
        if not DECLARATION.search(line):
            continue
        depth, started, j = 0, False, i
        while j < len(code):
            for ch in code[j]:
                if ch == '{':
                    depth, started = depth + 1, True
                elif ch == '}':
                    depth -= 1
            if (started and depth <= 0) or (not started and j > i + 8):
                break
            j += 1
        if started and j - i + 1 > LIMIT:
            above = '\n'.join(raw[max(0, i - 8):i + 1]).lower()
            found.append((i + 1, j - i + 1, 'over 60 lines' in above))
    return found


def self_test():
    body = '\n'.join(['        x += 1'] * 70)
    long = 'struct S {\n    func f() {\n' + body + '\n    }\n}\n'
    assert [(n, r) for _, n, r in long_functions(long)] == [(72, False)], long_functions(long)
    reasoned = '    // (Over 60 lines: a state machine.)\n' + long
    assert [r for _, _, r in long_functions(reasoned)] == [True]
    short = 'func g() {\n    let s = "{ not a brace"\n}\n'
    assert long_functions(short) == []


def main(argv):
    if '--self-test' in argv:
        self_test()
        argv = [a for a in argv if a != '--self-test']
    root = argv[0] if argv else os.path.join(os.path.dirname(__file__), '..', 'Sources')
    failures = []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith('.swift'):
                path = os.path.join(folder, name)
                with open(path, encoding='utf-8') as f:
                    for line, length, reason in long_functions(f.read()):
                        if not reason:
                            failures.append(f'{os.path.relpath(path)}:{line}: {length} lines without an "over 60 lines" reason')
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f'function length: {len(failures)} function(s) over {LIMIT} lines without a reason')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
