import ImageCodecs
import ImageCore
import SystemIO
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ImageFileTests {
    static func tempDirectory() -> String {
        var template = Array("/tmp/imageprep-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }!
        return String(decoding: UnsafeRawBufferPointer(start: path, count: strlen(path)), as: UTF8.self)
    }

    static func names(in dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        let dir = Self.tempDirectory()
        let path = dir + "/out.bin"
        try ImageFile.writeAtomically([1, 2, 3], to: path)
        try ImageFile.writeAtomically([4, 5], to: path)
        #expect(try ImageFile.read(path) == [4, 5])
        #expect(Self.names(in: dir) == ["out.bin"])
    }

    @Test func failedWriteLeavesNothing() {
        let error = #expect(throws: FileIOError.self) { try ImageFile.writeAtomically([1], to: "/nonexistent-dir/x.png") }
        #expect(error?.file == "/nonexistent-dir/x.png")
    }

    @Test func readRefusesMissingFilesDirectoriesAndOversizedInput() throws {
        #expect(throws: FileIOError.self) { try ImageFile.read("/nonexistent/file.jpg") }
        #expect(throws: FileIOError.self) { try ImageFile.read("/tmp") }
        let dir = Self.tempDirectory()
        try ImageFile.writeAtomically([UInt8](repeating: 7, count: 100), to: dir + "/big")
        #expect(throws: LimitError.self) { try ImageFile.read(dir + "/big", maxBytes: 99) }
        #expect(try ImageFile.read(dir + "/big", maxBytes: 100).count == 100)
    }

    @Test func limitsAreCheckedWithoutOverflow() {
        let limits = DecodeLimits.default
        #expect(throws: LimitError.self) { try limits.check(width: 100_000, height: 100_000, format: .png, file: "x") }
        #expect(throws: LimitError.self) { try limits.check(width: 60_000, height: 60_000, format: .png, file: "x") }
        #expect(throws: LimitError.self) { try limits.check(width: Int.max, height: Int.max, format: nil, file: nil) }
        #expect(throws: Never.self) { try limits.check(width: 16383, height: 16383, format: .jpeg, file: nil) }
    }
}

/// `MemoryPages.discard`: only whole pages inside the range go, and they read as zeros afterwards (Linux).
@Suite struct MemoryPagesTests {
    @Test func discardGivesBackTheWholePagesInsideTheRangeOnly() throws {
        let page = MemoryPages.size
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 5 * page, alignment: page)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 1, count: 5 * page)
        // From one byte into page 0 to one byte into page 4: pages 1, 2 and 3 are whole inside.
        let end = MemoryPages.discard(from: buffer + 1, to: buffer + 4 * page + 1)
        #expect(end == UnsafeRawPointer(buffer + 4 * page))
        let bytes = UnsafeRawBufferPointer(start: buffer, count: 5 * page)
        #expect(bytes[0..<page].allSatisfy { $0 == 1 } && bytes[(4 * page)...].allSatisfy { $0 == 1 })
        #if os(Linux)
        #expect(bytes[page..<(4 * page)].allSatisfy { $0 == 0 })
        #endif
        // A range with no whole page in it gives nothing back and returns its start rounded up to a page.
        #expect(MemoryPages.discard(from: buffer + 4 * page + 5, to: buffer + 5 * page - 1) == UnsafeRawPointer(buffer + 5 * page))
        #expect(bytes[(4 * page)...].allSatisfy { $0 == 1 })
    }
}
