/// A point in continuous pixel coordinates: origin at the top-left corner of the top-left pixel, y down.
/// The centre of pixel (i, j) is (i + 0.5, j + 0.5).
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
