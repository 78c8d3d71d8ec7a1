/// `AffineTransform` under a name Foundation does not also use.
public typealias ImageAffineTransform = AffineTransform
/// `Point` under a name MacTypes and CoreGraphics do not also use.
public typealias ImagePoint = Point
/// `Rect` under a name MacTypes and CoreGraphics do not also use.
public typealias ImageRect = Rect
/// `Size` under a name MacTypes and CoreGraphics do not also use.
public typealias ImageSize = Size
