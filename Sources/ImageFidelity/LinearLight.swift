#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sRGB ↔ linear light through lookup tables (IEC 61966-2-1 transfer curve).
///
/// Decoding is a 256-entry table; encoding a 65 536-entry table indexed by `round(linear · 65535)`, exact
/// to within 0.5 of an 8-bit code everywhere (the curve's steepest slope, 12.92 near black, moves at most
/// 0.05 codes per table step).
public enum LinearLight {
    /// 8-bit sRGB code → linear light 0…1.
    public static let decode: [Float] = (0..<256).map { Float(toLinear(Double($0) / 255)) }

    /// `round(linear · 65535)` → nearest 8-bit sRGB code.
    public static let encodeTable: [UInt8] = (0...65535).map { i in
        UInt8(min(255, max(0, (toSRGB(Double(i) / 65535) * 255).rounded())))
    }

    /// Linear light (clamped to 0…1) → 8-bit sRGB code.
    @inlinable public static func encode(_ linear: Float, table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let clamped = min(max(linear, 0), 1)
        return table[Int(clamped * 65535 + 0.5)]
    }

    /// The sRGB decoding curve on 0…1.
    public static func toLinear(_ v: Double) -> Double {
        v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    /// The sRGB encoding curve on 0…1.
    public static func toSRGB(_ v: Double) -> Double {
        v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055
    }
}
