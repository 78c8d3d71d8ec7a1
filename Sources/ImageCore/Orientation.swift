/// The EXIF orientation tag (values 1–8): how the stored pixels must be turned to look upright.
public enum Orientation: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Stored upright.
    case up = 1
    /// Mirrored left–right.
    case upMirrored = 2
    /// Rotated 180°.
    case down = 3
    /// Mirrored top–bottom.
    case downMirrored = 4
    /// Mirrored along the main diagonal (transpose).
    case leftMirrored = 5
    /// Needs a 90° clockwise turn to be upright.
    case right = 6
    /// Mirrored along the anti-diagonal (transverse).
    case rightMirrored = 7
    /// Needs a 90° counter-clockwise turn to be upright.
    case left = 8

    /// Makes an orientation from an EXIF value; values outside 1–8 read as `.up`.
    public init(exifValue: Int) {
        self = Orientation(rawValue: exifValue) ?? .up
    }

    /// Whether turning upright swaps width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }

    /// The upright size of a stored image of size `stored`.
    public func uprightSize(_ stored: Size) -> Size {
        swapsDimensions ? Size(width: stored.height, height: stored.width) : stored
    }

    /// The map from stored continuous coordinates to upright ones, for a stored image of size `stored`.
    public func transform(stored: Size) -> AffineTransform {
        let w = Double(stored.width), h = Double(stored.height)
        switch self {
        case .up: return .identity
        case .upMirrored: return AffineTransform(a: -1, b: 0, c: 0, d: 1, tx: w, ty: 0)
        case .down: return AffineTransform(a: -1, b: 0, c: 0, d: -1, tx: w, ty: h)
        case .downMirrored: return AffineTransform(a: 1, b: 0, c: 0, d: -1, tx: 0, ty: h)
        case .leftMirrored: return AffineTransform(a: 0, b: 1, c: 1, d: 0, tx: 0, ty: 0)
        case .right: return AffineTransform(a: 0, b: 1, c: -1, d: 0, tx: h, ty: 0)
        case .rightMirrored: return AffineTransform(a: 0, b: -1, c: -1, d: 0, tx: h, ty: w)
        case .left: return AffineTransform(a: 0, b: -1, c: 1, d: 0, tx: 0, ty: w)
        }
    }
}
