/// The channels of a pixel, in storage order.
///
/// Alpha, where present, is straight (not premultiplied) in every `Image`; premultiplication is an internal
/// step of resampling and compositing.
public enum PixelLayout: String, Sendable, Hashable, Codable, CaseIterable {
    case gray
    case grayAlpha
    case rgb
    case rgba
    /// Cyan, magenta, yellow, black; 0 = no ink (Adobe inversion already undone by the decoder).
    case cmyk

    /// Samples per pixel.
    @inlinable public var channels: Int {
        switch self {
        case .gray: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba, .cmyk: 4
        }
    }

    /// Whether the last channel is alpha.
    @inlinable public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }

    /// Whether the colour channels are a single gray channel.
    @inlinable public var isGray: Bool { self == .gray || self == .grayAlpha }

    /// The same colour model with alpha added (`cmyk` has no alpha form and is returned unchanged).
    public var withAlpha: PixelLayout {
        switch self {
        case .gray, .grayAlpha: .grayAlpha
        case .rgb, .rgba: .rgba
        case .cmyk: .cmyk
        }
    }

    /// The same colour model without alpha.
    public var withoutAlpha: PixelLayout {
        switch self {
        case .gray, .grayAlpha: .gray
        case .rgb, .rgba: .rgb
        case .cmyk: .cmyk
        }
    }
}
