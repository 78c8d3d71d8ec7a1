import Foundation

/// `NormalizeBench throughput [--rounds N] [--processes 1,2]`: batch throughput as the engines run it (issue 15,
/// docs/SCALE.md). W6's 40 files (19 corpus photos ≥ 1 MP, made distinct) → 1024x1024 cover JPEG q85 are planned once; then, for
/// P processes, ImagePrep runs P shard workers at once (`normalize --manifest --shard i/P --jobs 1`, what an
/// Indexed Job's pods do) and vips runs `vipsthumbnail` under `xargs -P P` on the same files, rounds interleaved.
/// Prints images/s and images/s per process (= per core when P ≤ cores), and the planning pass on its own.
enum Throughput {
    static func run(_ args: [String]) throws {
        var rounds = 5, processes = [1, 2]
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--rounds": rounds = Int(args[i + 1]) ?? rounds; i += 1
            case "--processes": processes = args[i + 1].split(separator: ",").compactMap { Int($0) }; i += 1
            default: break
            }
            i += 1
        }
        try FileManager.default.createDirectory(atPath: SideBySide.work, withIntermediateDirectories: true)
        guard let w6 = try SideBySide.makeWorkloads().first(where: { $0.name == "W6" }) else { return }
        // W6's 40 links name 19 photos; identical content is normalized once by a manifest run, so each file
        // gets a distinct byte after its end-of-image marker (decoders stop at the marker; all tools read the same files).
        let input = SideBySide.work + "/throughput-in"
        try? FileManager.default.removeItem(atPath: input)
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: w6.input).filter { $0.hasSuffix(".jpg") }.sorted()
        for (k, name) in names.enumerated() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: w6.input + "/" + name)) + Data([UInt8(k)])
            try bytes.write(to: URL(fileURLWithPath: input + "/" + name))
        }
        let batch = (input: input, count: names.count)
        let images = batch.count
        guard images > 0 else {
            print("throughput: no corpus photos under \(SideBySide.corpora) (set IMAGEPREP_CORPORA)")
            return
        }
        let imageprep = SideBySide.imageprepPath
        let plan = SideBySide.work + "/throughput-plan.jsonl"
        let flags = "--size 1024x1024 --fit cover --format jpeg --quality 85"
        let planning = SideBySide.measure(["/bin/sh", "-c", "\(imageprep) plan \(batch.input) -o \(plan) \(flags)"])
        guard planning.ok else { print("throughput: imageprep plan failed"); return }

        func workers(_ p: Int) -> [(name: String, command: (String) -> String)] {
            [("ImagePrep (\(p) shard process\(p == 1 ? "" : "es"))", { out in
                "seq 0 \(p - 1) | xargs -P \(p) -I{} \(imageprep) normalize --manifest \(plan) --shard {}/\(p) --jobs 1 -o \(out) --report \(out)/_reports/{}.json"
             }),
             ("vipsthumbnail (xargs -P \(p))", { out in
                "ls \(batch.input)/*.jpg | xargs -P \(p) -n \(max(1, images / p / 2)) vipsthumbnail --size 1024x1024 --smartcrop centre -o '\(out)/%s.jpg[Q=85,optimize_coding,strip]'"
             })]
        }
        print("NormalizeBench throughput: \(images) distinct JPEGs (W6's photos), \(rounds) rounds (+1 warm-up), load average \(SideBySide.loadAverage())")
        print("planning pass (SHA-256 of every input, imageprep plan): \(String(format: "%.0f", planning.wall * 1000)) ms\n")
        var walls: [String: [Double]] = [:], failures: [String: Int] = [:]
        for round in 0...rounds {
            for p in processes {
                for worker in workers(p) {
                    let out = SideBySide.work + "/throughput-out"
                    try? FileManager.default.removeItem(atPath: out)
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    let sample = SideBySide.measure(["/bin/sh", "-c", worker.command(out)])
                    let written = (try? FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".jpg") }.count) ?? 0
                    if !sample.ok || written != images { failures[worker.name, default: 0] += 1 }
                    if round > 0 { walls[worker.name, default: []].append(sample.wall) }
                }
            }
        }
        print("| workers | median s | images/s | images/s per process | vs vips at the same P |")
        print("|---|---|---|---|---|")
        for p in processes {
            let rows = workers(p).map { ($0.name, SideBySide.median(walls[$0.name] ?? [])) }
            let vips = rows.last!.1
            for (name, wall) in rows {
                let rate = Double(images) / wall
                print("| \(name) | \(String(format: "%.2f", wall)) | \(String(format: "%.1f", rate)) | \(String(format: "%.1f", rate / Double(p))) | "
                      + "\(String(format: "%.2fx", wall / vips)) time |")
            }
        }
        for (name, count) in failures.sorted(by: { $0.key < $1.key }) { print("FAILED \(count) run(s): \(name)") }
        print("\nload average after: \(SideBySide.loadAverage())")
    }
}
