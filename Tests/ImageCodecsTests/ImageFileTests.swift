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
