import CKernels

/// A JPEG's YCbCr planes as libjpeg decodes them without upsampling or colour conversion (its `raw_data_out`),
/// a strip at a time, and the RGB rows made from them: byte for byte the rows libjpeg's fancy upsampling and
/// YCbCr → RGB conversion make.
///
/// A strip is one iMCU row: `planes[0].stripRows` luma rows (8 or 16) then each chroma plane's `stripRows`
/// rows, every row `stride` bytes, stored one after the other in `stripBytes` bytes. Luma is plane 0 at full
/// size; the chroma planes are sampled (xSpan, ySpan) = (1, 1) for 4:4:4, (2, 1) for 4:2:2 or (2, 2) for 4:2:0.
public struct YCbCrStrips: Equatable, Sendable {
    /// One plane's geometry.
    public struct Plane: Equatable, Sendable {
        /// Samples of each row that are image (libjpeg's `downsampled_width`).
        public var width: Int
        /// Rows that are image (`downsampled_height`).
        public var height: Int
        /// Bytes of each row in a strip (whole 8-sample blocks: ≥ `width`).
        public var stride: Int
        /// Rows of this plane in one strip.
        public var stripRows: Int
        /// Image columns and rows one sample spans (1 or 2).
        public var xSpan: Int
        public var ySpan: Int

        public init(width: Int, height: Int, stride: Int, stripRows: Int, xSpan: Int, ySpan: Int) {
            self.width = width
            self.height = height
            self.stride = stride
            self.stripRows = stripRows
            self.xSpan = xSpan
            self.ySpan = ySpan
        }
    }

    /// Luma, then Cb and Cr.
    public var planes: [Plane]
    /// Strips in the image.
    public var strips: Int

    public init(planes: [Plane], strips: Int) {
        self.planes = planes
        self.strips = strips
    }

    /// Whether `rgbRow` can make rows from these planes: three planes, full-size luma, chroma sampled alike
    /// (1, 1), (2, 1) or (2, 2), and strips as tall as the chroma's rows × ySpan.
    public var isSupported: Bool {
        guard planes.count == 3, planes[0].xSpan == 1, planes[0].ySpan == 1, planes[1] == planes[2] else { return false }
        let chroma = planes[1]
        return [(1, 1), (2, 1), (2, 2)].contains { $0 == (chroma.xSpan, chroma.ySpan) }
            && chroma.stripRows * chroma.ySpan == planes[0].stripRows
    }

    /// Bytes of one strip.
    public var stripBytes: Int { planes.reduce(0) { $0 + $1.stripRows * $1.stride } }

    /// Image rows one strip makes (the last strip may make fewer).
    public var stripRows: Int { planes[0].stripRows }

    /// Elements of the scratch `rgbRow` needs.
    public var scratchCount: Int { Int(CKernels_ycc_scratch(planes[0].width)) }

    /// Makes image row `row` (`planes[0].width` RGB pixels, into `dst`) from the strips `strip(i)` returns:
    /// the row's own strip and, for its chroma's neighbour row, the strip before or after it. `scratch` holds
    /// `scratchCount` elements.
    ///
    /// - Precondition: `isSupported`, `row` within the image.
    public func rgbRow(_ row: Int, strip: (Int) -> UnsafePointer<UInt8>, scratch: UnsafeMutablePointer<Int16>,
                       into dst: UnsafeMutablePointer<UInt8>) {
        let luma = planes[0], chroma = planes[1]
        let chromaOffset = luma.stripRows * luma.stride, chromaBytes = chroma.stripRows * chroma.stride
        let near = row / chroma.ySpan
        // libjpeg's next nearest chroma row: above for the upper row of a pair, below for the lower one,
        // the first and last rows repeated at the edges.
        let far = chroma.ySpan == 1 ? near : min(max(row % 2 == 0 ? near - 1 : near + 1, 0), chroma.height - 1)
        func chromaRow(_ r: Int) -> UnsafePointer<UInt8> {
            strip(r / chroma.stripRows) + chromaOffset + (r % chroma.stripRows) * chroma.stride
        }
        let y = strip(row / luma.stripRows) + (row % luma.stripRows) * luma.stride
        let cb = chromaRow(near), cbFar = chromaRow(far)
        CKernels_ycc_rgb_row(y, cb, cbFar, cb + chromaBytes, cbFar + chromaBytes, chroma.width, luma.width,
                             Int32(chroma.xSpan), Int32(chroma.ySpan), scratch, dst, CKernels_level())
    }
}
