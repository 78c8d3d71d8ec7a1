#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CIE L*a*b* colour (D65 white), made from 8-bit sRGB: sRGB code → linear light (the IEC 61966-2-1
/// curve) → XYZ (the sRGB primaries' D65 matrix) → L*a*b* relative to the D65 white (0.95047, 1, 1.08883).
public struct CIELab: Sendable, Hashable {
    public var l: Double, a: Double, b: Double

    public init(l: Double, a: Double, b: Double) {
        self.l = l; self.a = a; self.b = b
    }

    /// The colour of an 8-bit sRGB pixel; `linear` is `LinearLight.decode`.
    public init(r: UInt8, g: UInt8, b: UInt8, linear: UnsafeBufferPointer<Float>) {
        self.init(linearR: Double(linear[Int(r)]), g: Double(linear[Int(g)]), b: Double(linear[Int(b)]))
    }

    /// The colour of a linear-light sRGB triple (each 0…1).
    public init(linearR r: Double, g: Double, b: Double) {
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        let fx = Self.f(x), fy = Self.f(y), fz = Self.f(z)
        self.init(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    static func f(_ t: Double) -> Double {
        t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116
    }

    /// CIEDE2000 colour difference (Sharma, Wu and Dalal 2005; kL = kC = kH = 1). About 1 is a just-noticeable
    /// difference; 5 is clearly visible side by side.
    public static func deltaE2000(_ p: CIELab, _ q: CIELab) -> Double {
        let c1 = (p.a * p.a + p.b * p.b).squareRoot(), c2 = (q.a * q.a + q.b * q.b).squareRoot()
        let cMean = (c1 + c2) / 2
        let c7 = pow(cMean, 7)
        let g = 0.5 * (1 - (c7 / (c7 + 6_103_515_625)).squareRoot())   // 25^7
        let a1 = (1 + g) * p.a, a2 = (1 + g) * q.a
        let cp1 = (a1 * a1 + p.b * p.b).squareRoot(), cp2 = (a2 * a2 + q.b * q.b).squareRoot()
        let h1 = hueAngle(p.b, a1), h2 = hueAngle(q.b, a2)
        let dL = q.l - p.l, dC = cp2 - cp1
        var dh = 0.0
        if cp1 * cp2 != 0 {
            dh = h2 - h1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH = 2 * (cp1 * cp2).squareRoot() * sin(dh * .pi / 360)
        let lMean = (p.l + q.l) / 2, cpMean = (cp1 + cp2) / 2
        var hMean = h1 + h2
        if cp1 * cp2 != 0 {
            if abs(h1 - h2) > 180 { hMean += hMean < 360 ? 360 : -360 }
            hMean /= 2
        }
        let t = 1 - 0.17 * cos((hMean - 30) * .pi / 180) + 0.24 * cos(2 * hMean * .pi / 180)
            + 0.32 * cos((3 * hMean + 6) * .pi / 180) - 0.20 * cos((4 * hMean - 63) * .pi / 180)
        let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
        let cp7 = pow(cpMean, 7)
        let rC = 2 * (cp7 / (cp7 + 6_103_515_625)).squareRoot()
        let l50 = (lMean - 50) * (lMean - 50)
        let sL = 1 + 0.015 * l50 / (20 + l50).squareRoot()
        let sC = 1 + 0.045 * cpMean, sH = 1 + 0.015 * cpMean * t
        let rT = -sin(2 * dTheta * .pi / 180) * rC
        let tl = dL / sL, tc = dC / sC, th = dH / sH
        return (tl * tl + tc * tc + th * th + rT * tc * th).squareRoot()
    }

    static func hueAngle(_ b: Double, _ a: Double) -> Double {
        if a == 0 && b == 0 { return 0 }
        let h = atan2(b, a) * 180 / .pi
        return h < 0 ? h + 360 : h
    }
}
