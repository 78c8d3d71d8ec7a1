import ImageCodecs
import ImageCore
import ImagePrep

/// The fuzz targets: each feeds arbitrary bytes to one parser or pipeline the way a hostile file would reach it.
///
/// A target never throws: typed errors are the expected outcome for bad input. A crash, a sanitizer report, a
/// hang or an allocation beyond the limits is a bug. The same entry runs under libFuzzer (`Fuzz/ImagePrepFuzz`
/// built with `-sanitize=fuzzer,address`) and in the regression test that replays `Tests/FuzzRegressions`.
public enum FuzzHarness {
    /// What a target exercises.
    public enum Target: String, CaseIterable, Sendable {
        /// Sniff + header + strict and lenient decode, whatever the format (seeded per format).
        case jpeg, png, webp
        /// `ImageDecoder.info` alone, as `imageprep info` runs it.
        case info
        /// The bundle manifest parser.
        case bundle
        /// The whole normalize pipeline (header, shrink-on-load decode, resample, colour, orient, PNG encode)
        /// to a 64x64 cover under `normalizeLimits`.
        case normalize
    }

    /// Limits small enough that a fuzzer's huge-but-valid headers are refused quickly (16 MP, 8 MiB input).
    public static let limits = DecodeLimits(maxPixels: 16 << 20, maxWidth: 16384, maxHeight: 16384,
                                            maxInputBytes: 8 << 20, maxMetadataBytes: 1 << 20)

    /// Tighter limits for the normalize target (4 MP, 4 MiB input, 256 KiB metadata): the pipeline runs a resample
    /// and an encode per input, so large-but-valid headers would only slow the fuzzer down.
    public static let normalizeLimits = DecodeLimits(maxPixels: 4 << 20, maxWidth: 8192, maxHeight: 8192,
                                                     maxInputBytes: 4 << 20, maxMetadataBytes: 256 << 10)

    /// The normalizer the normalize target runs: 64x64 cover, PNG out, one thread.
    static let normalizer = Normalizer(NormalizeOptions(
        size: .exact(Size(width: 64, height: 64)), fit: .cover, format: .png, maxBytes: 1 << 20,
        limits: normalizeLimits, threadsPerImage: 1))

    /// Runs `target` on `bytes`.
    public static func run(_ target: Target, _ bytes: [UInt8]) {
        switch target {
        case .jpeg, .png, .webp:
            decodeAll(bytes)
        case .info:
            _ = try? ImageDecoder.info(bytes, name: "fuzz", limits: limits)
        case .bundle:
            _ = try? BundleManifest.decode(bytes, file: "fuzz.json", directory: "/nonexistent")
        case .normalize:
            guard let result = try? normalizer.normalizeNow(bytes, name: "fuzz") else { return }
            precondition(!result.bytes.isEmpty, "normalize returned an empty output")
        }
    }

    static func decodeAll(_ bytes: [UInt8]) {
        for lenient in [false, true] {
            for shrink in [1, 4] {
                guard let decoded = try? ImageDecoder.decode(
                    bytes, name: "fuzz", options: DecodeOptions(limits: limits, shrink: shrink, lenient: lenient))
                else { continue }
                let image = decoded.image
                precondition(image.pixels.count == image.height * image.rowStride, "decoder returned bad geometry")
                _ = image.oriented(decoded.info.orientation)
            }
        }
    }
}
