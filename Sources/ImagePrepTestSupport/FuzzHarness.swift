import ImageCodecs
import ImageCore
import ImageMasks
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
        /// The mask importers (content-sniffed, so each name only picks its seeds: ImagePrep's shape JSON, COCO,
        /// LabelMe, GeoJSON, SVG path data/documents, CVAT XML), each followed by a 64x64 render of the shapes.
        case maskjson, coco, labelme, geojson, svg, cvat
    }

    /// Importer limits for the mask targets: 1 MiB files, 4 MP RLE masks.
    public static let importOptions = Mask.Importer.Options(maxBytes: 1 << 20, maxRLEPixels: 4 << 20)

    /// Limits small enough that a fuzzer's huge-but-valid headers are refused quickly (1 MP, at most 8192 on a
    /// side, 8 MiB input, 1 MiB metadata): throughput (executions per second) matters more than size here.
    public static let limits = DecodeLimits(maxPixels: 1 << 20, maxWidth: 8192, maxHeight: 8192,
                                            maxInputBytes: 8 << 20, maxMetadataBytes: 1 << 20)

    /// Limits for the normalize target (4 MP: JPEG/WebP still reach shrink-on-load; 4 MiB input, 256 KiB
    /// metadata): the pipeline runs a resample and an encode per input.
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
        case .maskjson, .coco, .labelme, .geojson, .svg, .cvat:
            guard let imported = try? Mask.Importer.load(bytes, name: "fuzz", options: importOptions) else { return }
            let size = Size(width: 64, height: 64)
            guard let rendering = try? Mask.render(shapes: imported.shapes, size: size) else { return }
            precondition(rendering.image.width == 64 && rendering.image.height == 64, "mask of the wrong size")
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
