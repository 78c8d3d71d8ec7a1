public import ImageCore

extension Mask {
    /// Turns curves into polylines whose distance from the true curve stays below a tolerance (in pixels).
    public enum Flatten {
        /// The default tolerance for ellipses and curves in the base frame: 0.0005 px. Coverage then
        /// differs from the true curve's by at most about 0.0007 per pixel, far below 1/255.
        public static let defaultTolerance = 0.0005

        /// The number of equal parameter steps for an arc of `sweep` radians on a circle of radius `radius`
        /// so that chords stay within `tolerance` of the arc. At least 1, at most 1,000,000.
        static func steps(radius: Double, sweep: Double, tolerance: Double) -> Int {
            guard radius > tolerance else { return max(1, clampedInt(min(1e6, (abs(sweep) / (Double.pi / 2)).rounded(.up)))) }
            let step = 2 * acos(1 - tolerance / radius)
            guard step > 0 else { return 1_000_000 }
            return max(1, clampedInt(min(1e6, (abs(sweep) / step).rounded(.up))))
        }

        /// Points of an ellipse arc from angle `start` over `sweep` (radians, parameter angles), including
        /// both ends. `rotation` in radians turns the ellipse clockwise on screen (y down).
        public static func ellipseArc(center: Point, radiusX: Double, radiusY: Double, rotation: Double,
                                      start: Double, sweep: Double, tolerance: Double) -> [Point] {
            let n = steps(radius: max(abs(radiusX), abs(radiusY)), sweep: sweep, tolerance: tolerance)
            let cr = cos(rotation), sr = sin(rotation)
            var pts: [Point] = []
            pts.reserveCapacity(n + 1)
            for k in 0...n {
                let t = start + sweep * Double(k) / Double(n)
                let ex = radiusX * cos(t), ey = radiusY * sin(t)
                pts.append(Point(x: center.x + ex * cr - ey * sr, y: center.y + ex * sr + ey * cr))
            }
            return pts
        }

        /// A closed ellipse as a ring (no repeated end point).
        public static func ellipse(center: Point, radiusX: Double, radiusY: Double, rotation: Double,
                                   tolerance: Double) -> [Point] {
            var pts = ellipseArc(center: center, radiusX: radiusX, radiusY: radiusY, rotation: rotation,
                                 start: 0, sweep: 2 * Double.pi, tolerance: tolerance)
            pts.removeLast()
            if pts.count < 8 {
                return (0..<8).map { k in
                    let t = Double(k) * Double.pi / 4
                    let ex = radiusX * cos(t), ey = radiusY * sin(t)
                    return Point(x: center.x + ex * cos(rotation) - ey * sin(rotation),
                                 y: center.y + ex * sin(rotation) + ey * cos(rotation))
                }
            }
            return pts
        }

        /// Points of a quadratic Bézier after `p0` (excluding `p0`, including `p2`).
        public static func quadratic(_ p0: Point, _ p1: Point, _ p2: Point, tolerance: Double) -> [Point] {
            // Wang's formula: n = ceil(sqrt(d(d−1)/8 · M / tol)) with M the largest second difference.
            let m = hypot(p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y)
            let n = segments(2.0 / 8 * m, tolerance)
            return (1...n).map { k in
                let t = Double(k) / Double(n), u = 1 - t
                return Point(x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x,
                             y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y)
            }
        }

        /// Points of a cubic Bézier after `p0` (excluding `p0`, including `p3`).
        public static func cubic(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point, tolerance: Double) -> [Point] {
            let m = max(hypot(p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y),
                        hypot(p1.x - 2 * p2.x + p3.x, p1.y - 2 * p2.y + p3.y))
            let n = segments(6.0 / 8 * m, tolerance)
            return (1...n).map { k in
                let t = Double(k) / Double(n), u = 1 - t
                let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
                return Point(x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                             y: a * p0.y + b * p1.y + c * p2.y + d * p3.y)
            }
        }

        private static func segments(_ factor: Double, _ tolerance: Double) -> Int {
            guard factor.isFinite, factor > 0 else { return 1 }
            return max(1, clampedInt(min(1e5, (factor / tolerance).squareRoot().rounded(.up))))
        }

        /// The points of an SVG elliptical arc from `p0` to `p1` (excluding `p0`, including `p1`), following
        /// the SVG 1.1 implementation notes (F.6.5: endpoint to centre parameterization, radii scaled up when
        /// too small). `xAxisRotation` is in degrees.
        public static func svgArc(from p0: Point, to p1: Point, rx rx0: Double, ry ry0: Double, xAxisRotation: Double,
                                  largeArc: Bool, sweep: Bool, tolerance: Double) -> [Point] {
            var rx = abs(rx0), ry = abs(ry0)
            if p0 == p1 { return [] }
            if rx == 0 || ry == 0 { return [p1] }
            let phi = xAxisRotation * Double.pi / 180
            let cp = cos(phi), sp = sin(phi)
            let dx = (p0.x - p1.x) / 2, dy = (p0.y - p1.y) / 2
            let x1p = cp * dx + sp * dy, y1p = -sp * dx + cp * dy
            let lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry)
            if lambda > 1 { let s = lambda.squareRoot(); rx *= s; ry *= s }
            let num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
            let den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
            var coef = den == 0 ? 0 : (max(0, num) / den).squareRoot()
            if largeArc == sweep { coef = -coef }
            let cxp = coef * rx * y1p / ry, cyp = -coef * ry * x1p / rx
            let cx = cp * cxp - sp * cyp + (p0.x + p1.x) / 2
            let cy = sp * cxp + cp * cyp + (p0.y + p1.y) / 2
            func angle(_ ux: Double, _ uy: Double, _ vx: Double, _ vy: Double) -> Double {
                atan2(ux * vy - uy * vx, ux * vx + uy * vy)
            }
            let theta1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
            var dtheta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
            if !sweep && dtheta > 0 { dtheta -= 2 * Double.pi }
            if sweep && dtheta < 0 { dtheta += 2 * Double.pi }
            var pts = ellipseArc(center: Point(x: cx, y: cy), radiusX: rx, radiusY: ry, rotation: phi,
                                 start: theta1, sweep: dtheta, tolerance: tolerance)
            pts.removeFirst()
            if !pts.isEmpty { pts[pts.count - 1] = p1 }
            return pts
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif
