import ImagePrepTestSupport

#if canImport(Glibc)
import Glibc
#endif

#if FUZZING
/// libFuzzer's driver, from the fuzzer runtime that `-sanitize=fuzzer` links in.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<Target>_main`; hand control to libFuzzer's driver from there.
/// The target is chosen with `IMAGEPREP_FUZZ_TARGET` (jpeg, png, webp, info, bundle, …).
@_cdecl("ImagePrepFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    _ = FuzzEntry.target
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzHarness.run(FuzzEntry.target, bytes, variants: .pickedByInput)
        return 0
    }
}

enum FuzzEntry {
    static let target: FuzzHarness.Target = {
        let name = getenv("IMAGEPREP_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzHarness.Target(rawValue: name) else {
            fatalError("set IMAGEPREP_FUZZ_TARGET to one of: \(FuzzHarness.Target.allCases.map(\.rawValue))")
        }
        return target
    }()
}
#else
/// Without libFuzzer: `ImagePrepFuzz TARGET FILE...` replays inputs (crash reproducers, corpora) through a target.
@main
enum FuzzEntry {
    static func main() throws {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzHarness.Target(rawValue: name) else {
            print("usage: ImagePrepFuzz TARGET FILE...  (targets: \(FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        for path in args.dropFirst() {
            FuzzHarness.run(target, try Corpus.readBytes(path))
        }
        print("replayed \(args.count - 1) inputs through \(name)")
    }
}
#endif
