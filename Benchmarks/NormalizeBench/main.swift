import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "resample" {
    try Profile.resample(Array(arguments.dropFirst()))
} else if arguments.first == "pngopts" {
    try Profile.pngOptions(arguments[1])
} else if arguments.first == "profile" {
    try Profile.run(Array(arguments.dropFirst()))
} else {
    print("usage: NormalizeBench profile FILE [WxH] [cover|contain]")
}
