#!/usr/bin/env python3
"""Fails when a public throwing call in Sources/ breaks the house rule for errors (docs/ARCHITECTURE.md, "Errors").

The rule: every public `func` or `init` that throws says what in a `- Throws:` line of its doc comment; one that
can fail with a single error type declares it (`throws(ClientError)`), and one that declares a type names it in
that line. Untyped `throws` is for calls that fail with several types (a decode: `SniffError`, `HeaderError`,
`LimitError`, `DecodeError`) or pass on errors they do not own (a caller's closure, `Task.sleep`, a transport:
their line says "passes on").
Exempt: Codable's `init(from:)` and `encode(to:)`, and the test-support module.
Usage: python3 scripts/check-throws.py [--self-test] [ROOT]   (ROOT default Sources)
"""
import os
import re
import sys

DECLARATION = re.compile(r'^\s*(@\w+(\([^)]*\))?\s+)*public\s+((static|class|mutating|nonisolated|convenience|required|final|override)\s+)*'
                         r'(func\s+\w+|init[?!]?)')
ERROR_TYPE = re.compile(r'`((?:[A-Z]\w*\.)*[A-Z]\w*Error)\b')
EXEMPT = re.compile(r'init\(from decoder:|func encode\(to encoder:')


def after_parameters(signature):
    """The text after the declaration's parameter list (closure types inside it have effects of their own)."""
    start = signature.find('(', DECLARATION.search(signature).end())
    depth = 0
    for i in range(start, len(signature)):
        depth += {'(': 1, ')': -1}.get(signature[i], 0)
        if depth == 0:
            return signature[i + 1:]
    return ''


def problems(text, name='<text>'):
    """(line number, message) of every public throwing call in Swift `text` that breaks the rule."""
    lines = text.split('\n')
    found = []
    for i, line in enumerate(lines):
        if not DECLARATION.search(line):
            continue
        signature, j = line, i
        while '{' not in signature and j + 1 < len(lines) and j < i + 8:
            j += 1
            signature += ' ' + lines[j].strip()
        effect = re.match(r'\s*(async\s+)?(throws(\((\w+(\.\w+)*)\))?|rethrows)', after_parameters(signature))
        if not effect or effect.group(2) == 'rethrows' or EXEMPT.search(signature):
            continue
        doc, k = [], i - 1
        while k >= 0 and (lines[k].strip().startswith('///') or lines[k].strip().startswith('@')):
            doc.insert(0, lines[k].strip())
            k -= 1
        throws_doc = ' '.join(doc)
        at = throws_doc.find('- Throws:')
        if at < 0:
            found.append((i + 1, 'public throwing call without a "- Throws:" line'))
            continue
        named = {m.split('.')[-1] for m in ERROR_TYPE.findall(throws_doc[at:])}
        declared = effect.group(4)
        if declared is None and len(named) == 1 and 'passes on' not in throws_doc[at:]:
            found.append((i + 1, f'throws only {named.pop()}: declare throws({{}})'.replace('{}', ERROR_TYPE.findall(throws_doc[at:])[0])))
        elif declared is not None and declared.split('.')[-1] not in named:
            found.append((i + 1, f'throws({declared}) but its "- Throws:" line does not name `{declared}`'))
    return found


def self_test():
    good = '''
    /// Reads.
    ///
    /// - Throws: `FileIOError` naming the path.
    public static func read(_ path: String) throws(FileIOError) -> [UInt8] {
    /// - Throws: `HeaderError` or `LimitError`.
    public func info() throws -> Info {
    /// - Throws: `BundleError.unwritable` naming the file.
    public func save() throws(BundleError) {
    /// - Throws: the caller's errors.
    public func each(_ body: () throws -> Void) rethrows {
    public init(width: Int,
                initializingWith initialize: (UnsafeMutableBufferPointer<UInt8>) throws -> Void) rethrows {
    public func map(_ body: (Int) throws -> Int) -> [Int] {
    /// - Throws: passes on `Task.sleep`'s `CancellationError`.
    public func sleep() async throws {
    public init(from decoder: any Decoder) throws {
    public func plain() -> Int {
    '''
    assert problems(good) == [], problems(good)
    bad = '''
    /// Reads.
    public func a() throws -> Int {
    /// - Throws: `ClientError` `.history`.
    public func b() async throws -> Int {
    /// - Throws: `ClientError`.
    public func c() throws(FileIOError) {
    /// - Throws: `Mask.ShapeError` `.syntax`.
    public init(parsing text: String) throws {
    '''
    messages = [message for _, message in problems(bad)]
    assert len(messages) == 4, messages
    assert 'without a "- Throws:"' in messages[0]
    assert 'declare throws(ClientError)' in messages[1]
    assert 'does not name `FileIOError`' in messages[2]
    assert 'declare throws(Mask.ShapeError)' in messages[3]


def main(argv):
    if '--self-test' in argv:
        self_test()
        argv = [a for a in argv if a != '--self-test']
    root = argv[0] if argv else 'Sources'
    failures = []
    for folder, _, files in sorted(os.walk(root)):
        if 'TestSupport' in folder:
            continue
        for file in sorted(files):
            if file.endswith('.swift'):
                path = os.path.join(folder, file)
                with open(path, encoding='utf-8') as handle:
                    failures += [f'{path}:{line}: {message}' for line, message in problems(handle.read(), path)]
    for failure in failures:
        print(failure)
    if failures:
        print(f'check-throws: {len(failures)} public throwing call(s) break the rule (docs/ARCHITECTURE.md, "Errors")')
        return 1
    print('check-throws: every public throwing call names its errors; single-type ones declare it')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
