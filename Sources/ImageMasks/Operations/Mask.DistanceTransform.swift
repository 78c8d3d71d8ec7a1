extension Mask {
    /// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
    /// Functions", 2012): two passes of the 1-D lower envelope of parabolas, O(pixels), with the nearest
    /// feature pixel of every pixel.
    public enum DistanceTransform {
        /// For every pixel, the squared distance between pixel centres to the nearest pixel where `isFeature`
        /// is true, and that pixel's index (−1 and `.infinity` when there is no feature pixel at all).
        public static func nearest(width: Int, height: Int, isFeature: (Int) -> Bool) -> (distanceSquared: [Double], index: [Int32]) {
            let n = width * height
            let inf = Double.infinity
            // Pass 1, columns: squared distance to the nearest feature in the same column, and its row.
            var colD = [Double](repeating: inf, count: n)
            var colRow = [Int32](repeating: -1, count: n)
            var f = [Double](repeating: inf, count: max(width, height))
            var d = [Double](repeating: 0, count: max(width, height))
            var arg = [Int](repeating: 0, count: max(width, height))
            var v = [Int](repeating: 0, count: max(width, height))
            var z = [Double](repeating: 0, count: max(width, height) + 1)
            for x in 0..<width {
                var any = false
                for y in 0..<height {
                    let feature = isFeature(y * width + x)
                    f[y] = feature ? 0 : inf
                    any = any || feature
                }
                guard any else { continue }
                envelope(f, count: height, d: &d, arg: &arg, v: &v, z: &z)
                for y in 0..<height { colD[y * width + x] = d[y]; colRow[y * width + x] = Int32(arg[y]) }
            }
            // Pass 2, rows over the column results.
            var dist = [Double](repeating: inf, count: n)
            var index = [Int32](repeating: -1, count: n)
            for y in 0..<height {
                var any = false
                for x in 0..<width {
                    f[x] = colD[y * width + x]
                    any = any || f[x] < inf
                }
                guard any else { continue }
                envelope(f, count: width, d: &d, arg: &arg, v: &v, z: &z)
                for x in 0..<width {
                    let qx = arg[x]
                    dist[y * width + x] = d[x]
                    index[y * width + x] = Int32(Int(colRow[y * width + qx]) * width + qx)
                }
            }
            return (dist, index)
        }

        /// 1-D squared distance transform of `f` (values 0…∞) with argmins. Infinite samples carry no parabola.
        private static func envelope(_ f: [Double], count n: Int, d: inout [Double], arg: inout [Int],
                                     v: inout [Int], z: inout [Double]) {
            var k = -1
            for q in 0..<n where f[q] < .infinity {
                let fq = f[q] + Double(q * q)
                if k < 0 {
                    k = 0; v[0] = q; z[0] = -.infinity; z[1] = .infinity
                    continue
                }
                var s: Double
                while true {
                    let p = v[k]
                    s = (fq - (f[p] + Double(p * p))) / Double(2 * (q - p))
                    if s <= z[k] && k > 0 { k -= 1 } else { break }
                }
                if s <= z[k] {
                    // k == 0 and the new parabola dominates everywhere.
                    v[0] = q; z[0] = -.infinity; z[1] = .infinity
                    continue
                }
                k += 1
                v[k] = q; z[k] = s; z[k + 1] = .infinity
            }
            var j = 0
            for q in 0..<n {
                while z[j + 1] < Double(q) { j += 1 }
                let p = v[j]
                d[q] = Double((q - p) * (q - p)) + f[p]
                arg[q] = p
            }
        }
    }
}
