public import ImageCodecs
public import ImageCore

/// A normalized image: the pixels, their encoding, and the geometry that got them there.
///
/// Frames: the *stored* frame is the file's pixel grid at full size (before EXIF orientation); the *upright*
/// frame is that grid turned by the EXIF orientation (what viewers show), still at full size, whatever shrink-
/// on-load the decoder used; the *output* frame is the normalized image. All are continuous pixel coordinates
/// (origin at the top-left corner, pixel centres at +0.5, y down).
public struct NormalizedImage: Sendable {
    /// The output pixels exactly as encoded: 8-bit sRGB (gray, gray+alpha, RGB or RGBA).
    public var image: Image
    /// The encoded file.
    public var bytes: [UInt8]
    /// Its format.
    public var format: ImageFormat
    /// Upright frame → output frame (crop/scale/pad). Apply it to geometry drawn on the upright original.
    public var transform: AffineTransform
    /// The EXIF orientation of the input.
    public var orientation: Orientation
    /// Stored frame → upright frame (the orientation part alone).
    public var orientationTransform: AffineTransform
    /// What was done.
    public var report: NormalizeReport

    /// Stored frame → output frame: `orientationTransform` followed by `transform`.
    public var storedTransform: AffineTransform { orientationTransform.then(transform) }
}
