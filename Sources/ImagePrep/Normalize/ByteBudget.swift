/// Finds the highest JPEG/WebP quality whose encoding fits a byte cap, with few encodes.
///
/// The first encode is at the ceiling (or the fixed quality). When it is too big, the next quality is predicted
/// from a size model: libjpeg scales its quantization tables by `s(q) = 5000/q` (q < 50) or `200 − 2q`, and
/// file size follows `ln(bytes) ≈ a − α·ln s(q)`. One encode fixes `a` (with a prior α = 0.6); two or more fit
/// both by secant through the nearest points. Each prediction aims at 95 % of the cap and is kept strictly
/// between the best quality known to fit and the lowest known not to. The search stops when the fit is within
/// 10 % of the cap, when the fitting and failing qualities are adjacent, or after `maxEncodes`.
public enum ByteBudget {
    /// The outcome of a quality search.
    public struct Outcome: Sendable {
        /// The chosen encoding.
        public var bytes: [UInt8]
        /// Its quality.
        public var quality: Int
        /// Qualities tried, in order, with their sizes.
        public var trials: [(quality: Int, bytes: Int)]
        /// Number of encodes run.
        public var encodes: Int { trials.count }
    }

    /// Most encodes one search may run. 10.
    public static let maxEncodes = 10

    /// Searches qualities `1...ceiling` (starting at `start`, default the ceiling) for the highest whose encoding
    /// is at most `cap` bytes. With `exact`, a fitting `start` is accepted as is (a fixed `--quality`).
    ///
    /// - Returns: nil when even quality 1 does not fit (the smallest size tried is in `smallest`).
    public static func search(cap: Int, ceiling: Int, start: Int? = nil, exact: Bool = false,
                              smallest: inout Int, encode: (Int) throws -> [UInt8]) rethrows -> Outcome? {
        let top = min(max(ceiling, 1), 100)
        var q = min(max(start ?? top, 1), 100)
        var trials: [(quality: Int, bytes: Int)] = []
        var best: (quality: Int, bytes: [UInt8])?
        var lo = 0, hi = q + 1  // lo fits (0 = none yet); hi is the lowest known not to fit
        smallest = Int.max
        while trials.count < maxEncodes {
            let bytes = try encode(q)
            trials.append((q, bytes.count))
            smallest = min(smallest, bytes.count)
            if bytes.count <= cap {
                if q > lo { lo = q; best = (q, bytes) }
                if exact && trials.count == 1 { break }
            } else {
                hi = min(hi, q)
            }
            if let b = best, b.quality == top || b.quality + 1 >= hi || Double(b.bytes.count) >= 0.9 * Double(cap) { break }
            if hi <= 1 { break }
            var next = predict(trials: trials, target: 0.95 * Double(cap))
            next = min(max(next, lo + 1), hi - 1)
            if next == q { break }
            q = next
        }
        guard let best else { return nil }
        return Outcome(bytes: best.bytes, quality: best.quality, trials: trials)
    }

    /// libjpeg's quality scaling, as a positive number (1 at quality 100).
    static func scaling(_ q: Int) -> Double {
        let qq = Double(min(max(q, 1), 100))
        return max(qq < 50 ? 5000 / qq : 200 - 2 * qq, 1)
    }

    /// The quality whose predicted size is `target`.
    static func predict(trials: [(quality: Int, bytes: Int)], target: Double) -> Int {
        // The two trials nearest the target in log size.
        let sorted = trials.sorted { abs(log(Double($0.bytes) / target)) < abs(log(Double($1.bytes) / target)) }
        var alpha = 0.6
        let p = sorted[0]
        if let other = sorted.dropFirst().first(where: { scaling($0.quality) != scaling(p.quality) }) {
            let fitted = -(log(Double(p.bytes)) - log(Double(other.bytes))) / (log(scaling(p.quality)) - log(scaling(other.quality)))
            if fitted.isFinite { alpha = min(max(fitted, 0.15), 3) }
        }
        let lnS = log(scaling(p.quality)) + (log(Double(p.bytes)) - log(target)) / alpha
        let s = exp(lnS)
        let q = s <= 100 ? (200 - s) / 2 : 5000 / s
        return Int(q.rounded(.down))
    }
}

#if canImport(Glibc)
import func Glibc.log
import func Glibc.exp
#elseif canImport(Darwin)
import func Darwin.log
import func Darwin.exp
#endif
