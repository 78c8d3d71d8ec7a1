public import ImageCore

extension Mask {
    /// The rings of `polygon` with the exterior turned to positive signed area (clockwise on screen) and
    /// every hole negative, so that holes cut under both fill rules.
    public static func orientedRings(_ polygon: Polygon) -> [[Point]] {
        func oriented(_ ring: [Point], positive: Bool) -> [Point] {
            (signedArea(ring) >= 0) == positive ? ring : ring.reversed()
        }
        return [oriented(polygon.exterior, positive: true)] + polygon.holes.map { oriented($0, positive: false) }
    }

    /// Whether every point of `ring` lies on one line (so it encloses nothing whatever its order).
    static func isCollinear(_ ring: [Point]) -> Bool {
        guard let p0 = ring.first else { return true }
        var far = p0, best = 0.0
        for p in ring {
            let d = (p.x - p0.x) * (p.x - p0.x) + (p.y - p0.y) * (p.y - p0.y)
            if d > best { best = d; far = p }
        }
        guard best > 0 else { return true }
        let len = best.squareRoot()
        for p in ring {
            let dist = abs((far.x - p0.x) * (p.y - p0.y) - (far.y - p0.y) * (p.x - p0.x)) / len
            if dist > 1e-9 * max(1, len) { return false }
        }
        return true
    }

    /// The shoelace signed area of a closed ring (positive when clockwise on screen, y down).
    public static func signedArea(_ ring: [Point]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        var prev = ring[ring.count - 1]
        for p in ring {
            s += prev.x * p.y - p.x * prev.y
            prev = p
        }
        return s / 2
    }
}

extension Mask.Shape {
    /// How far (in base pixels) a shape may overhang the base before it counts as clipped: 10⁻⁶ px, far below
    /// what changes a coverage value at 1/255.
    static let clipTolerance = 1e-6

    /// What one shape needs to become an outline on the base.
    struct Context {
        var baseSize: Size
        var originalSize: Size?
        var originalToBase: AffineTransform?
        var defaultFillRule: Mask.FillRule
        var tolerance: Double
    }

    /// The shape as an outline in the base's pixel coordinates, or a `ShapeError` for degenerate input.
    ///
    /// - Parameter name: how messages name the shape.
    ///
    /// (Over 60 lines: one case per shape kind, each a few lines of validation and geometry sharing `fail`
    /// and the frame conversion.)
    func outline(_ ctx: Context, name: String, warnings: inout [Mask.Warning]) throws(Mask.ShapeError) -> Mask.Outline {
        func fail(_ reason: Mask.ShapeError.Reason, _ message: String, _ details: String? = nil) -> Mask.ShapeError {
            Mask.ShapeError(reason, shape: name, message: message, details: details)
        }
        // The frame and the map from the frame's pixels to the base's.
        let frameSize: Size
        var map: AffineTransform? = nil
        switch frame {
        case .base:
            frameSize = ctx.baseSize
        case .original:
            guard let t = ctx.originalToBase else {
                throw fail(.missingTransform, "the shape is in the original photo's frame but no original-to-base transform was given")
            }
            guard t.inverted != nil else { throw fail(.invalidOption, "the original-to-base transform is singular") }
            if units != .px && ctx.originalSize == nil {
                throw fail(.missingTransform, "\(units.rawValue) units in the original frame need the original photo's size")
            }
            frameSize = ctx.originalSize ?? ctx.baseSize
            map = t
        }
        // Curves are flattened in the frame; scale the tolerance by the map's largest stretch.
        var stretch = 1.0
        if let t = map {
            let n = (t.a * t.a + t.b * t.b + t.c * t.c + t.d * t.d)
            stretch = max(1e-9, n.squareRoot())
        }
        let tol = ctx.tolerance / stretch
        let (sx, sy) = units.scale(for: frameSize)
        func pt(_ p: Point) -> Point { Point(x: p.x * sx, y: p.y * sy) }
        func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }

        var rings: [[Point]]
        var checkCrossings = false
        switch geometry {
        case .rect(let r):
            guard finite(r.x, r.y, r.width, r.height) else { throw fail(.nonFinite, "the rectangle has a non-finite value") }
            guard r.width > 0, r.height > 0 else {
                throw fail(.zeroArea, "the rectangle has no area", "width \(r.width), height \(r.height); both must be > 0")
            }
            rings = [[pt(Point(x: r.x, y: r.y)), pt(Point(x: r.maxX, y: r.y)),
                      pt(Point(x: r.maxX, y: r.maxY)), pt(Point(x: r.x, y: r.maxY))]]
        case .ellipse(let c, let rx, let ry, let rotation):
            guard finite(c.x, c.y, rx, ry, rotation) else { throw fail(.nonFinite, "the ellipse has a non-finite value") }
            guard rx > 0, ry > 0 else {
                throw fail(.zeroArea, "the ellipse has no area", "radii \(rx), \(ry); both must be > 0")
            }
            rings = [Mask.Flatten.ellipse(center: pt(c), radiusX: rx * sx, radiusY: ry * sy,
                                          rotation: rotation * Double.pi / 180, tolerance: tol)]
        case .polygon(let p):
            rings = try Self.cleanPolygon(p, scale: pt, fail: fail, warnings: &warnings, name: name)
            checkCrossings = true
        case .multiPolygon(let parts):
            guard !parts.isEmpty else { throw fail(.tooFewPoints, "the multipolygon has no polygons") }
            rings = []
            for part in parts {
                rings += try Self.cleanPolygon(part, scale: pt, fail: fail, warnings: &warnings, name: name)
            }
            checkCrossings = true
        case .rings(let raw):
            rings = []
            for ring in raw {
                guard ring.allSatisfy({ finite($0.x, $0.y) }) else { throw fail(.nonFinite, "the path has a non-finite coordinate") }
                let cleaned = Self.dedupe(ring.map(pt))
                if cleaned.count >= 3 { rings.append(cleaned) }
            }
            let dropped = raw.count - rings.count
            if dropped > 0 && !rings.isEmpty {
                warnings.append(.init(code: "degenerate-ring", message: "\(name): \(dropped) ring(s) with fewer than 3 distinct points enclose nothing and were skipped"))
            }
            guard !rings.isEmpty else { throw fail(.tooFewPoints, "the path has no ring with at least 3 distinct points") }
            guard rings.contains(where: { !Mask.isCollinear($0) }) else {
                throw fail(.zeroArea, "the path encloses no area")
            }
        }
        if let t = map { rings = rings.map { $0.map(t.apply) } }

        // Where it lies relative to the base.
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for ring in rings { for p in ring { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) } }
        let w = Double(ctx.baseSize.width), h = Double(ctx.baseSize.height)
        if maxX <= 0 || maxY <= 0 || minX >= w || minY >= h {
            let bounds = "bounds x \(fmt(minX))…\(fmt(maxX)), y \(fmt(minY))…\(fmt(maxY)) on a \(ctx.baseSize) base"
            if operation == .add { throw fail(.outside, "the shape lies entirely outside the base", bounds) }
            warnings.append(.init(code: "outside", message: "\(name): the subtracted shape lies entirely outside the base and removes nothing (\(bounds))"))
        } else if minX < -Self.clipTolerance || minY < -Self.clipTolerance
                    || maxX > w + Self.clipTolerance || maxY > h + Self.clipTolerance {
            // Overhangs below the tolerance (rounding in the original-to-base map) change no pixel.
            warnings.append(.init(code: "clipped", message: "\(name): the shape extends beyond the \(ctx.baseSize) base and is clipped at its edges"))
        }
        if checkCrossings, let crossing = Mask.SelfIntersection.find(in: rings) {
            let rule = fillRule ?? ctx.defaultFillRule
            warnings.append(.init(code: "self-intersecting", message: "\(name): edges cross near (\(fmt(crossing.x)), \(fmt(crossing.y))); overlaps are filled by the \(rule.rawValue) rule"))
        }
        return Mask.Outline(rings: rings, fillRule: fillRule ?? ctx.defaultFillRule, operation: operation)
    }

    /// Validated, oriented rings of one polygon in frame pixels.
    private static func cleanPolygon(_ p: Mask.Polygon, scale: (Point) -> Point,
                                     fail: (Mask.ShapeError.Reason, String, String?) -> Mask.ShapeError,
                                     warnings: inout [Mask.Warning], name: String) throws(Mask.ShapeError) -> [[Point]] {
        for ring in p.rings {
            guard ring.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                throw fail(.nonFinite, "the polygon has a non-finite coordinate", nil)
            }
        }
        let exterior = dedupe(p.exterior.map(scale))
        guard exterior.count >= 3 else {
            throw fail(.tooFewPoints, "the polygon has \(exterior.count) distinct point(s); at least 3 are needed", nil)
        }
        guard !Mask.isCollinear(exterior) else {
            throw fail(.zeroArea, "the polygon encloses no area (its points are collinear)", nil)
        }
        var holes: [[Point]] = []
        for hole in p.holes {
            let h = dedupe(hole.map(scale))
            if h.count >= 3, !Mask.isCollinear(h) {
                holes.append(h)
            } else {
                warnings.append(.init(code: "degenerate-ring", message: "\(name): a hole with no area was skipped"))
            }
        }
        return Mask.orientedRings(Mask.Polygon(exterior: exterior, holes: holes))
    }

    /// The ring without consecutive repeats and without a closing copy of the first point.
    static func dedupe(_ ring: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(ring.count)
        for p in ring where out.last != p { out.append(p) }
        while out.count > 1, out.first == out.last { out.removeLast() }
        return out
    }
}

/// A number for messages: at most 2 decimals.
func fmt(_ v: Double) -> String {
    guard v.isFinite else { return "\(v)" }
    let r = (v * 100).rounded() / 100
    return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
}
