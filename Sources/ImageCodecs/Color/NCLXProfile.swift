import CLCMS2
import Foundation

/// An ICC profile synthesized (with lcms2) from a HEIF/AVIF `nclx` colour box, so such files go through the same
/// ICC → sRGB stage (`ColorConverter`) as a JPEG with an embedded profile.
///
/// The profile has the primaries and white point of the file's ITU-T H.273 code (1, 2, 4–9, 11, 12, 22) and
/// one tone curve for the transfer characteristics:
/// - 13 (sRGB), and the SDR camera curves 1 (BT.709), 6 (BT.601), 14 and 15 (BT.2020), and 2 (unspecified):
///   the sRGB curve (the SDR curves are displayed as sRGB, as Chromium does);
/// - 4 (gamma 2.2), 5 (gamma 2.8), 8 (linear), 7 (SMPTE 240M): their exact curves;
/// - 16 (PQ, SMPTE ST 2084): absolute luminance with 203 cd/m² (the BT.2408 reference white) mapped to 1.0 and
///   everything brighter clipped (no tone mapping);
/// - 18 (HLG): the inverse OETF scaled so the reference white (signal 0.75) maps to 1.0, brighter values
///   clipped (no OOTF, no tone mapping);
/// - any other code: the sRGB curve.
///
/// Nothing is synthesized (nil: pixels taken as sRGB) for BT.709 or unspecified primaries (1, 2) with an
/// sRGB-like curve, and for primaries 10 (CIE XYZ) and codes H.273 does not define (pixels taken as sRGB). The
/// matrix coefficients and the range flag are not part of the profile: libheif uses them for YCbCr → RGB.
public enum NCLXProfile {
    /// H.273 transfer codes displayed with the sRGB curve.
    static let srgbLike: Set<Int> = [1, 2, 6, 13, 14, 15]

    /// A v4 RGB ICC profile (description "HEIF nclx: primaries P, transfer T"), or nil when the colour is sRGB
    /// already or cannot be described (unknown primaries code).
    ///
    /// - Parameters:
    ///   - primaries: the H.273 `colour_primaries` code.
    ///   - transfer: the H.273 `transfer_characteristics` code.
    public static func iccProfile(primaries: Int, transfer: Int) -> [UInt8]? {
        if (primaries == 1 || primaries == 2) && srgbLike.contains(transfer) { return nil }
        guard let xy = chromaticities(primaries) else { return nil }
        guard let curve = toneCurve(transfer) else { return nil }
        defer { cmsFreeToneCurve(curve) }
        var whitePoint = cmsCIExyY(x: xy[6], y: xy[7], Y: 1)
        var triple = cmsCIExyYTRIPLE(Red: cmsCIExyY(x: xy[0], y: xy[1], Y: 1), Green: cmsCIExyY(x: xy[2], y: xy[3], Y: 1),
                                     Blue: cmsCIExyY(x: xy[4], y: xy[5], Y: 1))
        var curves: [OpaquePointer?] = [curve, curve, curve]
        guard let profile = curves.withUnsafeMutableBufferPointer({ cmsCreateRGBProfile(&whitePoint, &triple, $0.baseAddress) }) else {
            return nil
        }
        defer { cmsCloseProfile(profile) }
        describe(profile, "HEIF nclx: primaries \(primaries), transfer \(transfer)")
        var size: cmsUInt32Number = 0
        guard cmsSaveProfileToMem(profile, nil, &size) != 0, size > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard bytes.withUnsafeMutableBytes({ cmsSaveProfileToMem(profile, $0.baseAddress, &size) }) != 0 else { return nil }
        return bytes
    }

    /// Red, green, blue and white (x, y) of an H.273 `colour_primaries` code (ITU-T H.273 table 2), nil for 10
    /// (CIE XYZ) and unknown codes; 2 (unspecified) is taken as BT.709.
    static func chromaticities(_ code: Int) -> [Double]? {
        let d65 = [0.3127, 0.3290], c = [0.310, 0.316]
        switch code {
        case 1, 2: return [0.64, 0.33, 0.30, 0.60, 0.15, 0.06] + d65
        case 4: return [0.67, 0.33, 0.21, 0.71, 0.14, 0.08] + c
        case 5: return [0.64, 0.33, 0.29, 0.60, 0.15, 0.06] + d65
        case 6, 7: return [0.630, 0.340, 0.310, 0.595, 0.155, 0.070] + d65
        case 8: return [0.681, 0.319, 0.243, 0.692, 0.145, 0.049] + c
        case 9: return [0.708, 0.292, 0.170, 0.797, 0.131, 0.046] + d65
        case 11: return [0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.314, 0.351]
        case 12: return [0.680, 0.320, 0.265, 0.690, 0.150, 0.060] + d65
        case 22: return [0.630, 0.340, 0.295, 0.605, 0.155, 0.077] + d65
        default: return nil
        }
    }

    /// The tone curve (encoded value → linear) for an H.273 transfer code; the caller frees it.
    static func toneCurve(_ transfer: Int) -> OpaquePointer? {
        // lcms2 parametric type 4: Y = (aX + b)^g for X >= d, Y = cX below.
        func parametric(_ g: Double, _ a: Double, _ b: Double, _ c: Double, _ d: Double) -> OpaquePointer? {
            var params = [g, a, b, c, d]
            return cmsBuildParametricToneCurve(nil, 4, &params)
        }
        func gamma(_ g: Double) -> OpaquePointer? { cmsBuildGamma(nil, g) }
        switch transfer {
        case 4: return gamma(2.2)
        case 5: return gamma(2.8)
        case 8: return gamma(1)
        case 7: return parametric(1 / 0.45, 1 / 1.1115, 0.1115 / 1.1115, 1 / 4.0, 4 * 0.0228)
        case 16: return tabulated(pqToLinear)
        case 18: return tabulated(hlgToLinear)
        default: return parametric(2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
        }
    }

    /// SMPTE ST 2084 EOTF, relative to 203 cd/m² (1.0), clipped at 1.
    public static func pqToLinear(_ v: Double) -> Double {
        let m1 = 2610.0 / 16384, m2 = 2523.0 / 4096 * 128, c1 = 3424.0 / 4096, c2 = 2413.0 / 4096 * 32, c3 = 2392.0 / 4096 * 32
        let p = pow(max(v, 0), 1 / m2)
        let nits = 10_000 * pow(max(p - c1, 0) / (c2 - c3 * p), 1 / m1)
        return min(1, nits / 203)
    }

    /// BT.2100 HLG inverse OETF, scaled so signal 0.75 is 1.0, clipped at 1.
    public static func hlgToLinear(_ v: Double) -> Double {
        func inverse(_ e: Double) -> Double {
            let a = 0.17883277, b = 1 - 4 * a, c = 0.5 - a * log(4 * a)
            return e <= 0.5 ? e * e / 3 : (exp((e - c) / a) + b) / 12
        }
        return min(1, inverse(max(v, 0)) / inverse(0.75))
    }

    private static func tabulated(_ f: (Double) -> Double) -> OpaquePointer? {
        let count = 4096
        var table = (0..<count).map { Float(f(Double($0) / Double(count - 1))) }
        return cmsBuildTabulatedToneCurveFloat(nil, cmsUInt32Number(count), &table)
    }

    private static func describe(_ profile: cmsHPROFILE, _ text: String) {
        guard let mlu = cmsMLUalloc(nil, 1) else { return }
        defer { cmsMLUfree(mlu) }
        cmsMLUsetASCII(mlu, "en", "US", text)
        cmsWriteTag(profile, cmsSigProfileDescriptionTag, UnsafeRawPointer(mlu))
    }
}
