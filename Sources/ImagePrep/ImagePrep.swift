// One import for the whole product: `import ImagePrep` gives the public surface of every library module,
// from the `Image` value to the client and the in-process sandbox. The modules can still be imported one by
// one (`import ImageCodecs` for the codecs alone); see docs/ARCHITECTURE.md.
//
// Names shared with Foundation (`AffineTransform`) and, on macOS, with MacTypes/CoreGraphics (`Point`,
// `Rect`, `Size`): write `ImageCore.AffineTransform` where both are imported, or use the unambiguous
// aliases `ImageAffineTransform`, `ImagePoint`, `ImageRect` and `ImageSize`.

@_exported public import ImageCore
@_exported public import SystemIO
@_exported public import ImageCodecs
@_exported public import ImageMasks
@_exported public import ImageRules
@_exported public import ImageAPI
@_exported public import ImageSandbox
@_exported public import ImageFidelity
@_exported public import ImageBatch
