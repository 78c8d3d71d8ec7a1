// Masks and rules: a mask from shape strings at a base image's size, then the model's rules on the bundle.
//
// Run: swift run MaskAndCheck [base image] [folder]   (defaults: samples/logo-alpha.png, out/mask-check)
import ImagePrep

let base = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "samples/logo-alpha.png"
let folder = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "out/mask-check"

// Shapes as the command line writes them; the mask takes the base's upright size from its header.
let shapes = [
    try Mask.Shape(parsing: "10,10,120,80", as: .rect),
    try Mask.Shape(parsing: "190,130,40,30,15", as: .ellipse),
    try Mask.Shape(parsing: "polygon:150,20 240,60 180,120"),
]
let mask = try EncodedMask(shapes: shapes, baseFile: base, options: Mask.RenderOptions(feather: 2), preview: true)
try LocalFile.makeDirectories(folder)
try ImageFile.writeAtomically(mask.png, to: folder + "/mask.png")
for warning in mask.warnings { print(warning) }

// Every documented limit of gpt-4o-image, all problems at once, with stable rule ids.
let bundle = BundleManifest(prompt: "a paper boat", images: [.file(base)], mask: .file(folder + "/mask.png"))
for issue in BundleRules.check(bundle) {
    print(issue)
}
