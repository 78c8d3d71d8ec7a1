import Foundation

// NormalizeBench: `run` (default) compares ImagePrep with vipsthumbnail, Pillow, GraphicsMagick and ImageMagick;
// `profile`, `resample` and `pngopts` time ImagePrep's own stages in-process; `instructions` counts W1/W2's
// instructions under callgrind (`once` is what it runs); `throughput` runs batch workers per process beside vips.
var arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first.flatMap { ["run", "profile", "resample", "pngopts", "once", "instructions", "throughput"].contains($0) ? $0 : nil } ?? "run"
if arguments.first == mode { arguments.removeFirst() }
switch mode {
case "profile": try Profile.run(arguments)
case "resample": try Profile.resample(arguments)
case "pngopts": try Profile.pngOptions(arguments)
case "once": try Profile.once(arguments)
case "instructions": try Profile.instructions(arguments)
case "throughput": try Throughput.run(arguments)
default: try SideBySide.run(arguments)
}
