import Foundation

// NormalizeBench: `run` (default) compares ImagePrep with vipsthumbnail, Pillow, GraphicsMagick and ImageMagick;
// `profile`, `resample` and `pngopts` time ImagePrep's own stages in-process.
var arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first.flatMap { ["run", "profile", "resample", "pngopts"].contains($0) ? $0 : nil } ?? "run"
if arguments.first == mode { arguments.removeFirst() }
switch mode {
case "profile": try Profile.run(arguments)
case "resample": try Profile.resample(arguments)
case "pngopts": try Profile.pngOptions(arguments)
default: try SideBySide.run(arguments)
}
