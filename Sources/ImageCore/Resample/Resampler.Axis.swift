extension Resampler {
    /// The precomputed contributors of one axis: for each output index, the first source index, the number of
    /// taps and their normalized weights (stb_image_resize2's "contributors and coefficients").
    ///
    /// Output pixel `i` has its centre at source coordinate `origin + (i + 0.5) / scale`, where
    /// `scale = outputCount / length`; source pixel `j` has its centre at `j + 0.5`. Taps that would fall
    /// outside `0..<sourceCount` are dropped and the remaining weights renormalized (so a constant image stays
    /// constant and edges do not darken).
    public struct Axis: Sendable, Hashable {
        /// Source pixels on this axis.
        public let sourceCount: Int
        /// Output pixels on this axis.
        public let outputCount: Int
        /// First source index read by each output pixel.
        public let starts: [Int32]
        /// Taps per output pixel.
        public let counts: [Int32]
        /// Weights, `stride` per output pixel (only the first `counts[i]` are used).
        public let weights: [Float]
        /// Weight slots per output pixel (the largest tap count).
        public let stride: Int
        /// Lowest and one-past-highest source index read by any output pixel.
        public let sourceRange: Range<Int>

        /// Builds the table mapping the source segment `origin ..< origin + length` (continuous source
        /// coordinates, may be fractional) onto `outputCount` pixels with `kernel`.
        /// (Over 60 lines: the weight table is built, normalized and trimmed in one pass over the outputs.)
        public init(sourceCount: Int, origin: Double, length: Double, outputCount: Int, kernel: Kernel) {
            precondition(sourceCount > 0 && outputCount > 0 && length > 0, "axis sizes must be positive")
            self.sourceCount = sourceCount
            self.outputCount = outputCount
            let scale = Double(outputCount) / length
            let filterScale = kernel == .nearest ? 1 : max(1, 1 / scale)
            let support = kernel.radius * filterScale
            var starts = [Int32](repeating: 0, count: outputCount)
            var counts = [Int32](repeating: 0, count: outputCount)
            var lists: [[Float]] = []
            lists.reserveCapacity(outputCount)
            var maxTaps = 1
            var lowest = sourceCount, highest = 0
            var scratch: [Double] = []
            for i in 0..<outputCount {
                let center = origin + (Double(i) + 0.5) / scale
                var first: Int, taps: [Float]
                if kernel == .nearest {
                    first = min(max(Int((center).rounded(.down)), 0), sourceCount - 1)
                    taps = [1]
                } else {
                    let lo = max(0, Int((center - support - 0.5).rounded(.up)))
                    let hi = min(sourceCount - 1, Int((center + support - 0.5).rounded(.down)))
                    scratch.removeAll(keepingCapacity: true)
                    var sum = 0.0
                    if lo <= hi {
                        for j in lo...hi {
                            let w = kernel.weight((Double(j) + 0.5 - center) / filterScale)
                            scratch.append(w)
                            sum += w
                        }
                    }
                    if lo > hi || sum == 0 {
                        first = min(max(Int(center.rounded(.down)), 0), sourceCount - 1)
                        taps = [1]
                    } else {
                        // Trim zero weights at both ends.
                        var a = 0, b = scratch.count
                        while a < b - 1 && scratch[a] == 0 { a += 1 }
                        while b - 1 > a && scratch[b - 1] == 0 { b -= 1 }
                        first = lo + a
                        taps = scratch[a..<b].map { Float($0 / sum) }
                    }
                }
                starts[i] = Int32(first)
                counts[i] = Int32(taps.count)
                maxTaps = max(maxTaps, taps.count)
                lowest = min(lowest, first)
                highest = max(highest, first + taps.count)
                lists.append(taps)
            }
            var weights = [Float](repeating: 0, count: outputCount * maxTaps)
            for (i, taps) in lists.enumerated() {
                for (k, w) in taps.enumerated() { weights[i * maxTaps + k] = w }
            }
            self.starts = starts
            self.counts = counts
            self.weights = weights
            self.stride = maxTaps
            self.sourceRange = lowest..<highest
        }
    }
}
