import ImageCore
import Testing

@Suite struct OrientationTests {
    /// A 3x2 RGB image whose red channel is the pixel index, so every move is visible.
    static let stored: Image = {
        var pixels: [UInt8] = []
        for i in 0..<6 { pixels += [UInt8(i), 0, 0] }
        return Image(width: 3, height: 2, layout: .rgb, pixels: pixels)
    }()

    static func reds(_ image: Image) -> [[Int]] {
        (0..<image.height).map { y in (0..<image.width).map { x in image.sample(x: x, y: y, channel: 0) } }
    }

    @Test(arguments: [
        (Orientation.up, [[0, 1, 2], [3, 4, 5]]),
        (.upMirrored, [[2, 1, 0], [5, 4, 3]]),
        (.down, [[5, 4, 3], [2, 1, 0]]),
        (.downMirrored, [[3, 4, 5], [0, 1, 2]]),
        (.leftMirrored, [[0, 3], [1, 4], [2, 5]]),
        (.right, [[3, 0], [4, 1], [5, 2]]),
        (.rightMirrored, [[5, 2], [4, 1], [3, 0]]),
        (.left, [[2, 5], [1, 4], [0, 3]]),
    ])
    func pixelsMoveAsEXIFSays(orientation: Orientation, expected: [[Int]]) {
        let upright = Self.stored.oriented(orientation)
        #expect(Self.reds(upright) == expected)
        #expect(upright.size == orientation.uprightSize(Self.stored.size))
    }

    /// The continuous transform must send each stored pixel centre to the centre of the pixel it lands on.
    @Test(arguments: Orientation.allCases)
    func transformAgreesWithPixels(orientation: Orientation) {
        let upright = Self.stored.oriented(orientation)
        let t = orientation.transform(stored: Self.stored.size)
        for y in 0..<2 {
            for x in 0..<3 {
                let p = t.apply(Point(x: Double(x) + 0.5, y: Double(y) + 0.5))
                let u = Int(p.x), v = Int(p.y)
                #expect(upright.sample(x: u, y: v, channel: 0) == y * 3 + x, "\(orientation) pixel (\(x),\(y))")
            }
        }
    }

    @Test func exifValuesOutsideRangeReadAsUp() {
        #expect(Orientation(exifValue: 0) == .up)
        #expect(Orientation(exifValue: 9) == .up)
        #expect(Orientation(exifValue: 6) == .right)
    }
}
