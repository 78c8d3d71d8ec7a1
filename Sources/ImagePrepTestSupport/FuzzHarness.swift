public import ImageCodecs
import ImageCore
public import ImageMasks
import ImagePrep
import ImageRules

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
        /// The same for the input-only formats (issue 17): libheif, giflib, libtiff.
        case heif, gif, tiff
        /// `ImageDecoder.info` alone, as `imageprep info` runs it.
        case info
        /// The bundle manifest parser.
        case bundle
        /// The whole normalize pipeline (header, shrink-on-load decode, resample, colour, orient, PNG encode)
        /// to a 64x64 cover under `normalizeLimits`.
        case normalize
        /// The mask importers (content-sniffed, so each name only picks its seeds: ImagePrep's shape JSON, COCO,
        /// LabelMe, GeoJSON, SVG path data/documents, CVAT XML), each followed by a 64x64 render of the shapes (1,000,000 vertices at most).
        case maskjson, coco, labelme, geojson, svg, cvat
    }

    /// Importer limits for the mask targets: 1 MiB files, 4 MP RLE masks, 1,000,000 vertices of flattened paths.
    public static let importOptions = Mask.Importer.Options(maxBytes: 1 << 20, maxRLEPixels: 4 << 20, maxVertices: 1_000_000)

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

    /// Which decode variants (strict or lenient, full or 1/4 scale) the decoder targets run on one input.
    public enum Variants: Sendable {
        /// All four, one after the other: replaying reproducers and corpora (tests, `sanitize.sh`).
        case all
        /// One per execution, picked by the input's last byte (its low two bits), the way libFuzzer's
        /// `FuzzedDataProvider` takes options from the end of the data: the fuzzer reaches every variant by
        /// mutating that byte, and each execution costs one decode instead of four.
        case pickedByInput
    }

    /// Runs `target` on `bytes`; `variants` applies to the decoder targets (default `.all`).
    public static func run(_ target: Target, _ bytes: [UInt8], variants: Variants = .all) {
        switch target {
        case .jpeg, .png, .webp, .heif, .gif, .tiff:
            switch variants {
            case .all: for variant in 0..<4 { decode(bytes, variant: variant) }
            case .pickedByInput: decode(bytes, variant: Int(bytes.last ?? 0) & 3)
            }
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
            let options = Mask.RenderOptions(maxVertices: importOptions.maxVertices)
            guard let rendering = try? Mask.render(shapes: imported.shapes, size: size, options: options) else { return }
            precondition(rendering.image.width == 64 && rendering.image.height == 64, "mask of the wrong size")
        }
    }

    /// Decodes `bytes` as variant 0...3: bit 0 picks 1/4 scale, bit 1 lenient mode; then orients the result.
    static func decode(_ bytes: [UInt8], variant: Int) {
        let options = DecodeOptions(limits: limits, shrink: variant & 1 == 0 ? 1 : 4, strictness: variant & 2 != 0 ? .lenient : .standard)
        guard let decoded = try? ImageDecoder.decode(bytes, name: "fuzz", options: options) else { return }
        let image = decoded.image
        precondition(image.pixels.count == image.height * image.rowStride, "decoder returned bad geometry")
        _ = image.oriented(decoded.info.orientation)
    }
}
