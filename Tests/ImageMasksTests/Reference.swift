import ImageCore
@testable import ImageMasks

/// Independent references for coverage: analytic polygon/pixel clipping and a seeded random generator.
enum Reference {
    /// Signed area (shoelace) of a closed ring.
    static func signedArea(_ ring: [Point]) -> Double {
        var s = 0.0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            s += a.x * b.y - b.x * a.y
        }
        return s / 2
    }

    /// Sutherland–Hodgman clip of `ring` by the half-plane `keep`, with `cross` the boundary intersection.
    static func clip(_ ring: [Point], keep: (Point) -> Bool, cross: (Point, Point) -> Point) -> [Point] {
        var out: [Point] = []
        guard !ring.isEmpty else { return out }
        for i in ring.indices {
            let cur = ring[i], prev = ring[(i + ring.count - 1) % ring.count]
            let inCur = keep(cur), inPrev = keep(prev)
            if inCur {
                if !inPrev { out.append(cross(prev, cur)) }
                out.append(cur)
            } else if inPrev {
                out.append(cross(prev, cur))
            }
        }
        return out
    }

    /// |Area of `ring` ∩ pixel (px, py)| for a simple ring (exact).
    static func pixelArea(_ ring: [Point], px: Int, py: Int) -> Double {
        let x0 = Double(px), x1 = x0 + 1, y0 = Double(py), y1 = y0 + 1
        func atX(_ x: Double) -> (Point, Point) -> Point {
            { a, b in let t = (x - a.x) / (b.x - a.x); return Point(x: x, y: a.y + t * (b.y - a.y)) }
        }
        func atY(_ y: Double) -> (Point, Point) -> Point {
            { a, b in let t = (y - a.y) / (b.y - a.y); return Point(x: a.x + t * (b.x - a.x), y: y) }
        }
        var r = clip(ring, keep: { $0.x >= x0 }, cross: atX(x0))
        r = clip(r, keep: { $0.x <= x1 }, cross: atX(x1))
        r = clip(r, keep: { $0.y >= y0 }, cross: atY(y0))
        r = clip(r, keep: { $0.y <= y1 }, cross: atY(y1))
        return abs(signedArea(r))
    }

    /// Intersection of a ring with a convex ring (both simple).
    static func intersect(_ ring: [Point], convex: [Point]) -> [Point] {
        var r = ring
        let ccw = signedArea(convex) > 0
        for i in convex.indices {
            let a = convex[i], b = convex[(i + 1) % convex.count]
            func side(_ p: Point) -> Double { (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) }
            r = clip(r, keep: { ccw ? side($0) >= 0 : side($0) <= 0 }, cross: { p, q in
                let sp = side(p), sq = side(q), t = sp / (sp - sq)
                return Point(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y))
            })
        }
        return r
    }

    /// A random simple (star-shaped) polygon around `center`.
    static func starPolygon(_ rng: inout SplitMix, center: Point, minR: Double, maxR: Double, count: Int) -> [Point] {
        // Jittered, evenly spread angles keep every gap below π, so the ring is simple.
        let phase = rng.unit() * 2 * Double.pi
        let angles = (0..<count).map { k in phase + (Double(k) + 0.8 * rng.unit()) * 2 * Double.pi / Double(count) }
        return angles.map { a in
            let r = minR + rng.unit() * (maxR - minR)
            return Point(x: center.x + r * cos(a), y: center.y + r * sin(a))
        }
    }

    /// Exact pixel coverage of an axis-aligned ellipse by fine 1-D integration over x.
    static func ellipsePixel(cx: Double, cy: Double, rx: Double, ry: Double, px: Int, py: Int, samples: Int = 4000) -> Double {
        var s = 0.0
        let y0 = Double(py), y1 = y0 + 1
        for k in 0..<samples {
            let x = Double(px) + (Double(k) + 0.5) / Double(samples)
            let u = (x - cx) / rx
            guard abs(u) < 1 else { continue }
            let h = ry * (1 - u * u).squareRoot()
            s += max(0, min(y1, cy + h) - max(y0, cy - h))
        }
        return s / Double(samples)
    }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
