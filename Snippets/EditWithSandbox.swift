// Info → normalize → mask from shape strings → check → edit, against the in-process sandbox, with one import.
//
// Run: swift run EditWithSandbox [photo] [output folder]   (defaults: samples/photo-rotated.jpg, out/snippet)
import ImagePrep

let arguments = CommandLine.arguments
let photo = arguments.count > 1 ? arguments[1] : "samples/photo-rotated.jpg"
let folder = arguments.count > 2 ? arguments[2] : "out/snippet"

// 1. Info: the header only.
let bytes = try ImageFile.read(photo)
let info = try ImageDecoder.info(bytes, name: photo)
print("\(photo): \(info.format.rawValue) \(info.uprightSize) upright")

// 2. Normalize to an API size (upright, sRGB, under the byte cap).
let normalized = try await Normalizer(NormalizeOptions(size: .auto)).normalize(bytes, name: photo)
print("normalized: \(normalized.report.width)x\(normalized.report.height) \(normalized.format.rawValue), \(normalized.bytes.count) bytes")

// 3. A mask from shapes given as strings, at the normalized image's size.
let shapes = try ["rect:100,100,300,200", "ellipse:600,500,150,100"].map { try Mask.Shape(parsing: $0) }
let mask = try EncodedMask(shapes: shapes, size: normalized.image.size)
print("mask: \(mask.png.count) bytes, \(mask.rendering.pixelCounts.edit) px to edit")

// 4. Check the bundle those two files make against the model's rules.
try LocalFile.makeDirectories(folder)
try ImageFile.writeAtomically(normalized.bytes, to: folder + "/base.\(normalized.format.fileExtension)")
try ImageFile.writeAtomically(mask.png, to: folder + "/mask.png")
let bundle = BundleManifest(prompt: "a red hat", images: [.file(folder + "/base.\(normalized.format.fileExtension)")],
                            mask: .file(folder + "/mask.png"), size: .pixels(normalized.image.size))
let issues = BundleRules.check(bundle)
print("check: \(issues.filter { $0.severity == .error }.count) errors, \(issues.count) issues")

// 5. Edit against the sandbox started in this process (no network, no key), history in memory.
let sandbox = try await Sandbox.start(SandboxConfiguration(taskDuration: 0.2))
do {
    let editor = ImageEditor(runner: try sandbox.taskRunner())
    let result = try await editor.edit(image: photo, mask: ["rect:100,100,400,300"], prompt: "a red hat",
                                       into: folder + "/edit")
    print("edit: task \(result.record.taskID ?? "-") \(result.record.status), saved \(result.saved.compactMap(\.path))")
} catch {
    try? await sandbox.shutdown()
    throw error
}
try await sandbox.shutdown()
