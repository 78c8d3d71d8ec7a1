// CheckBench: header-only `BundleRules` check of 2,000 files on one core (the issue-6 speed target:
// well under a second). Files are the shared corpora's decodable JPEG/PNG/WebP files (large `bench/` images
// excluded), repeated in order until there are 2,000; each is checked as its own one-image bundle, exactly as
// `imageprep check --image FILE` does (read, sniff, header, all rules). One warm-up pass fills the page cache.
//
// Run: swift run -c release CheckBench [COUNT]

import Foundation
import ImageCodecs
import ImageCore
import ImagePrep
import ImageRules
import ImagePrepTestSupport

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 2000
let entries = Corpus.entries().filter { $0.set != "bench" && $0.expectation == "decode" && ["jpg", "jpeg", "png", "webp"].contains(($0.file as NSString).pathExtension.lowercased()) }
guard !entries.isEmpty else {
    print("CheckBench: shared corpora not found (set IMAGEPREP_CORPORA)")
    exit(2)
}
let paths = (0..<count).map { entries[$0 % entries.count].path }
let profile = ProfileSet.builtIn.profile(for: "gpt-4o-image")!
let rules = BundleRules(profile)

func pass() -> (issues: Int, errors: Int) {
    var issues = 0, errors = 0
    for path in paths {
        let found = rules.check(BundleManifest(prompt: "bench", images: [.file(path)], n: 1))
        issues += found.count
        errors += found.count { $0.rule == "image.decode" || $0.rule == "image.unreadable" }
    }
    return (issues, errors)
}

_ = pass()  // warm-up
var times: [Double] = []
var last = (issues: 0, errors: 0)
for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    last = pass()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
times.sort()
let median = times[times.count / 2]
let distinct = Set(paths)
let totalBytes = distinct.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
print("CheckBench: \(count) files (\(distinct.count) distinct corpus files, \(totalBytes / 1024) KiB distinct), header-only, 1 core")
print(String(format: "median %.3f s (min %.3f, max %.3f) over 5 runs = %.0f files/s", median, times.first!, times.last!, Double(count) / median))
print("issues per pass: \(last.issues) (decode/unreadable errors: \(last.errors))")

// Where the time goes: reading the files, then reading the files and parsing headers.
func timed(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
let readOnly = timed { for path in paths { _ = try? ImageFile.read(path) } }
let headers = timed { for path in paths { if let bytes = try? ImageFile.read(path) { _ = try? ImageDecoder.info(bytes, name: path) } } }
print(String(format: "breakdown: read %.3f s, read + ImageDecoder.info %.3f s, rules and reporting %.3f s", readOnly, headers, median - headers))

// Header time per format (mean of 5 calls per distinct file) and the slowest files: outliers point at codec work
// that a header read should not do.
var perFormat: [String: (Int, Double)] = [:]
var slowest: [(Double, String)] = []
for path in Set(paths) {
    guard let bytes = try? ImageFile.read(path) else { continue }
    let t = timed { for _ in 0..<5 { _ = try? ImageDecoder.info(bytes, name: path) } } / 5
    let key = (path as NSString).pathExtension.lowercased()
    perFormat[key, default: (0, 0)].0 += 1
    perFormat[key, default: (0, 0)].1 += t
    slowest.append((t, path))
}
for (format, (files, total)) in perFormat.sorted(by: { $0.key < $1.key }) {
    print("ImageDecoder.info .\(format): \(files) files, mean \(String(format: "%.1f", total / Double(files) * 1e6)) µs")
}
for (time, path) in slowest.sorted(by: { $0.0 > $1.0 }).prefix(3) {
    print("slowest header: \(String(format: "%.1f", time * 1e3)) ms \(path)")
}
