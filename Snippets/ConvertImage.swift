// The README's library example: read, decode at half size, turn upright, write a PNG.
//
// Run: swift run ConvertImage [photo.jpg] [out.png]   (defaults: samples/photo-rotated.jpg, out/photo.png)
import ImagePrep

let input = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "samples/photo-rotated.jpg"
let output = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "out/photo.png"

let bytes = try ImageFile.read(input)
let info = try ImageDecoder.info(bytes, name: input)                   // header only
let decoded = try ImageDecoder.decode(bytes, name: input,
                                      options: DecodeOptions(shrink: 2))  // DCT-domain 1/2 decode
let upright = decoded.image.oriented(decoded.info.orientation)
let png = try ImageEncoder.encode(upright, as: .png())
try LocalFile.makeDirectories(LocalFile.parentDirectory(of: output))
try ImageFile.writeAtomically(png, to: output)
print("\(input): \(info.width)x\(info.height) \(info.orientation) → \(output): \(upright.width)x\(upright.height)")
