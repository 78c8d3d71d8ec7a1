import CImageShims
import ImageCore

/// The TIFF layouts read as stored samples (`CImageShims_tiff_read_samples`) instead of through TIFFRGBAImage,
/// which reduces everything to 8-bit RGBA: 16-bit gray and RGB (alpha optional), and 8-bit CMYK.
enum TIFFSamples {
    /// The layout the samples give, or nil when the file goes through TIFFRGBAImage.
    static func layout(_ h: CImageShims_tiff_header) -> PixelLayout? {
        let alpha = h.extra_sample >= 0 ? 1 : 0, spp = Int(h.samples_per_pixel)
        guard h.sample_format == 1 || h.sample_format == 0 else { return nil }  // unsigned integers only
        switch (h.photometric, h.bits_per_sample) {
        case (1, 16) where spp == 1 + alpha: return alpha == 1 ? .grayAlpha : .gray
        case (2, 16) where spp == 3 + alpha: return alpha == 1 ? .rgba : .rgb
        case (5, 8) where spp == 4 && h.ink_set == 1: return .cmyk
        default: return nil
        }
    }

    /// Reads the first page's samples into an image of `layout` (16-bit native-endian when `sixteen`).
    static func read(_ decoder: OpaquePointer, width: Int, height: Int, layout: PixelLayout, sixteen: Bool,
                     message: () -> String) throws -> Image {
        try Image(width: width, height: height, layout: layout, depth: sixteen ? .sixteen : .eight) { storage in
            let rc = CImageShims_tiff_read_samples(decoder, storage.baseAddress, storage.count)
            guard rc == 0 else {
                throw DecodeError(format: .tiff, message: "cannot decode the TIFF samples", details: message(), code: Int(rc))
            }
        }
    }
}
