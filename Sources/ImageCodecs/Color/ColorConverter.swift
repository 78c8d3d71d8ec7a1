import CImageShims
import CLCMS2
import Dispatch
import Foundation
public import ImageCore

/// Converts pixels described by an ICC profile to sRGB with lcms2 (Little CMS), caching one transform per
/// distinct profile (by its bytes), input layout and depth.
///
/// What is converted:
/// - RGB images with an RGB profile that is not sRGB (Display P3, Adobe RGB, ProPhoto, custom matrices …):
///   relative colorimetric intent, so in-gamut colours are kept exactly.
/// - Gray images with a gray profile: converted to sRGB RGB (relative colorimetric).
/// - CMYK (0 = no ink) with the embedded CMYK profile; without one, with a generic CMYK profile found on the
///   system (`IMAGEPREP_CMYK_PROFILE`, else Ghostscript's `default_cmyk.icc`), else with the naive
///   `255 − (C + K)` formula and a warning. Perceptual intent with black-point compensation.
///
/// What is skipped (pixels returned as they are): images without a profile (taken as sRGB) and images whose
/// profile description starts with "sRGB" (for example "sRGB IEC61966-2.1"). A profile that lcms2 cannot read,
/// or whose colour space does not match the pixels, is ignored with a warning. PNG `gAMA`/`cHRM` chunks without
/// an `iCCP` profile are not applied (such files are taken as sRGB, as browsers mostly do).
///
/// Alpha is copied unchanged. 16-bit input is converted straight to 8-bit output.
public final class ColorConverter: @unchecked Sendable {
    /// The process-wide converter (its cache is shared; it is safe to use from many threads).
    public static let shared = ColorConverter()

    /// Most transforms kept; the oldest-inserted is dropped beyond this.
    public let cacheLimit: Int

    private let lock = NSLock()
    private var cache: [Key: Transform] = [:]
    private var order: [Key] = []
    private var misses = 0

    public init(cacheLimit: Int = 16) {
        self.cacheLimit = max(1, cacheLimit)
    }

    /// What `toSRGB` did.
    public struct Result: Sendable {
        /// The converted image (8-bit rgb/rgba), or the input unchanged.
        public var image: Image
        /// A short description of the conversion ("Display P3 → sRGB"), or nil when nothing was done.
        public var conversion: String?
        /// Problems met (unreadable profile, CMYK without a profile, …).
        public var warnings: [CodecWarning]
    }

    /// Transforms created so far (cache misses); for tests.
    public var transformsCreated: Int { lock.withLock { misses } }

    /// Whether `toSRGB` hands back `layout` pixels as they are with `profile`: no profile, an sRGB one, or one
    /// for another colour space (ignored with a warning). CMYK is always converted.
    public func keepsPixels(layout: PixelLayout, profile: [UInt8]?) -> Bool {
        guard let profile, let space = ICCProfile.colorSpace(of: profile) else { return layout != .cmyk }
        switch layout {
        case .rgb, .rgba: return space != "RGB" || (ICCProfile.description(of: profile) ?? "").hasPrefix("sRGB")
        case .gray, .grayAlpha: return space != "GRAY"
        case .cmyk: return false
        }
    }

    /// Converts `image`, described by `profile` (nil = untagged), to sRGB.
    public func toSRGB(_ image: Image, profile: [UInt8]?) -> Result {
        let space = profile.flatMap(ICCProfile.colorSpace(of:))
        let name = profile.flatMap(ICCProfile.description(of:)) ?? "embedded profile"
        var warnings: [CodecWarning] = []
        var source = profile
        var label = name
        switch image.layout {
        case .cmyk:
            if space != "CMYK" {
                if profile != nil {
                    warnings.append(CodecWarning(code: "icc-mismatch", message: "ICC profile '\(name)' is not a CMYK profile; ignored"))
                }
                if let generic = Self.genericCMYKProfile {
                    source = generic.bytes
                    label = "generic CMYK (\(generic.path))"
                    warnings.append(CodecWarning(code: "cmyk-no-profile", message: "CMYK image without a CMYK profile: converted with \(label)"))
                } else {
                    warnings.append(CodecWarning(code: "cmyk-no-profile",
                                                 message: "CMYK image without a CMYK profile and no generic CMYK profile installed: converted with the naive 255−(C+K) formula"))
                    return Result(image: image.converted(to: .rgb), conversion: "CMYK → sRGB (naive)", warnings: warnings)
                }
            }
        case .rgb, .rgba:
            guard let space else { return Result(image: image, conversion: nil, warnings: []) }
            if space != "RGB" {
                return Result(image: image, conversion: nil, warnings: [
                    CodecWarning(code: "icc-mismatch", message: "ICC profile '\(name)' (\(space)) does not describe RGB pixels; ignored")])
            }
            if name.hasPrefix("sRGB") { return Result(image: image, conversion: nil, warnings: []) }
        case .gray, .grayAlpha:
            guard let space else { return Result(image: image, conversion: nil, warnings: []) }
            if space != "GRAY" {
                return Result(image: image, conversion: nil, warnings: [
                    CodecWarning(code: "icc-mismatch", message: "ICC profile '\(name)' (\(space)) does not describe gray pixels; ignored")])
            }
        }
        guard let source else { return Result(image: image, conversion: nil, warnings: warnings) }
        guard let transform = transform(for: source, layout: image.layout, depth: image.depth) else {
            warnings.append(CodecWarning(code: "icc-unreadable", message: "ICC profile '\(label)' could not be used by lcms2; pixels taken as sRGB"))
            let fallback = image.layout == .cmyk ? image.converted(to: .rgb) : image.to8Bit()
            return Result(image: fallback, conversion: nil, warnings: warnings)
        }
        return Result(image: transform.apply(image), conversion: "\(label) → sRGB", warnings: warnings)
    }

    // MARK: - Transforms

    struct Key: Hashable {
        var profile: [UInt8]
        var layout: PixelLayout
        var depth: SampleDepth
    }

    /// An lcms2 transform handle; created with `cmsFLAGS_NOCACHE`, so it may be used from several threads.
    final class Transform: @unchecked Sendable {
        let handle: cmsHTRANSFORM
        let output: PixelLayout
        init(handle: cmsHTRANSFORM, output: PixelLayout) {
            self.handle = handle
            self.output = output
        }
        deinit { cmsDeleteTransform(handle) }

        func apply(_ image: Image) -> Image {
            let w = image.width, h = image.height
            let inRow = image.rowStride, outRow = w * output.channels
            let threads = image.pixelCount >= 262_144 ? min(2, Resampler.processorCount) : 1
            let handle = self.handle
            return Image(width: w, height: h, layout: output) { dst in
                image.pixels.withUnsafeBytes { src in
                    let job = Rows(handle: handle, src: src.baseAddress!, dst: UnsafeMutableRawPointer(dst.baseAddress!),
                                   width: w, inRow: inRow, outRow: outRow)
                    if threads == 1 {
                        job.run(0..<h)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: threads) { t in job.run((h * t / threads)..<(h * (t + 1) / threads)) }
                    }
                }
            }
        }

        /// A band of rows to transform; bands are disjoint, so they may run concurrently.
        struct Rows: @unchecked Sendable {
            let handle: cmsHTRANSFORM
            let src: UnsafeRawPointer
            let dst: UnsafeMutableRawPointer
            let width: Int, inRow: Int, outRow: Int

            func run(_ rows: Range<Int>) {
                guard !rows.isEmpty else { return }
                cmsDoTransformLineStride(handle, src + rows.lowerBound * inRow, dst + rows.lowerBound * outRow,
                                         cmsUInt32Number(width), cmsUInt32Number(rows.count),
                                         cmsUInt32Number(inRow), cmsUInt32Number(outRow), 0, 0)
            }
        }
    }

    func transform(for profile: [UInt8], layout: PixelLayout, depth: SampleDepth) -> Transform? {
        let key = Key(profile: profile, layout: layout, depth: depth)
        if let hit = lock.withLock({ cache[key] }) { return hit }
        guard let made = Self.makeTransform(profile: profile, layout: layout, depth: depth) else { return nil }
        lock.withLock {
            if cache[key] == nil {
                cache[key] = made
                order.append(key)
                misses += 1
                if order.count > cacheLimit { cache[order.removeFirst()] = nil }
            }
        }
        return made
    }

    static func makeTransform(profile: [UInt8], layout: PixelLayout, depth: SampleDepth) -> Transform? {
        guard let input = profile.withUnsafeBytes({ cmsOpenProfileFromMem($0.baseAddress, cmsUInt32Number($0.count)) }) else {
            return nil
        }
        defer { cmsCloseProfile(input) }
        guard let srgb = cmsCreate_sRGBProfile() else { return nil }
        defer { cmsCloseProfile(srgb) }
        let bytes = UInt32(depth.bytes)
        let inFormat: UInt32, outLayout: PixelLayout
        switch layout {
        case .gray: inFormat = format(PT_GRAY, channels: 1, extra: 0, bytes: bytes); outLayout = .rgb
        case .grayAlpha: inFormat = format(PT_GRAY, channels: 1, extra: 1, bytes: bytes); outLayout = .rgba
        case .rgb: inFormat = format(PT_RGB, channels: 3, extra: 0, bytes: bytes); outLayout = .rgb
        case .rgba: inFormat = format(PT_RGB, channels: 3, extra: 1, bytes: bytes); outLayout = .rgba
        case .cmyk: inFormat = format(PT_CMYK, channels: 4, extra: 0, bytes: bytes); outLayout = .rgb
        }
        let outFormat = format(PT_RGB, channels: 3, extra: outLayout.hasAlpha ? 1 : 0, bytes: 1)
        var flags = UInt32(cmsFLAGS_NOCACHE)
        if layout.hasAlpha { flags |= UInt32(cmsFLAGS_COPY_ALPHA) }
        let intent: UInt32
        if layout == .cmyk {
            intent = UInt32(INTENT_PERCEPTUAL)
            flags |= UInt32(cmsFLAGS_BLACKPOINTCOMPENSATION)
        } else {
            intent = UInt32(INTENT_RELATIVE_COLORIMETRIC)
        }
        guard let handle = cmsCreateTransform(input, inFormat, srgb, outFormat, intent, flags) else { return nil }
        return Transform(handle: handle, output: outLayout)
    }

    /// lcms2's `TYPE_*` pixel-format word, built by the C shim with lcms2's own macros (they are
    /// function-like, so Swift cannot import them).
    static func format(_ space: Int32, channels: UInt32, extra: UInt32, bytes: UInt32) -> UInt32 {
        CImageShims_lcms_format(UInt32(space), channels, extra, bytes)
    }

    // MARK: - Generic CMYK

    /// Where a generic CMYK profile is looked for, in order (the first readable file wins).
    public static var genericCMYKProfilePaths: [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["IMAGEPREP_CMYK_PROFILE"], !env.isEmpty { paths.append(env) }
        paths += ["/usr/share/color/icc/ghostscript/default_cmyk.icc", "/usr/share/color/icc/ghostscript/ps_cmyk.icc"]
        return paths
    }

    /// The first generic CMYK profile found, read once.
    static let genericCMYKProfile: (path: String, bytes: [UInt8])? = {
        for path in genericCMYKProfilePaths {
            if let bytes = try? ImageFile.read(path, maxBytes: 16 << 20), ICCProfile.colorSpace(of: bytes) == "CMYK" {
                return (path, bytes)
            }
        }
        return nil
    }()
}
