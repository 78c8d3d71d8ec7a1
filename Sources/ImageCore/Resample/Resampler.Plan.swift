extension Resampler {
    /// A reusable resize plan: both axes' contributor tables for one source size, source rectangle, output
    /// size and kernel. Build once, run on any number of images of that size (stb_image_resize2's samplers).
    public struct Plan: Sendable, Hashable {
        /// Source image size.
        public let source: Size
        /// The source region mapped onto the output (continuous coordinates; may be fractional).
        public let sourceRect: Rect
        /// Output size.
        public let output: Size
        /// The kernel used.
        public let kernel: Kernel
        /// Horizontal contributors.
        public let horizontal: Axis
        /// Vertical contributors.
        public let vertical: Axis

        /// Plans mapping `sourceRect` of a `source`-sized image onto `output` pixels.
        ///
        /// `sourceRect` defaults to the whole source. Pixels outside the rectangle but within the kernel's
        /// reach are read (a crop keeps its true neighbours); reads beyond the image edge are dropped and the
        /// weights renormalized.
        public init(source: Size, sourceRect: Rect? = nil, output: Size, kernel: Kernel = .lanczos3) {
            let rect = sourceRect ?? Rect(x: 0, y: 0, width: Double(source.width), height: Double(source.height))
            self.source = source
            self.sourceRect = rect
            self.output = output
            self.kernel = kernel
            self.horizontal = Axis(sourceCount: source.width, origin: rect.x, length: rect.width,
                                   outputCount: output.width, kernel: kernel)
            self.vertical = Axis(sourceCount: source.height, origin: rect.y, length: rect.height,
                                 outputCount: output.height, kernel: kernel)
        }

        /// The map from source coordinates to output coordinates this plan implements.
        public var transform: AffineTransform {
            let sx = Double(output.width) / sourceRect.width, sy = Double(output.height) / sourceRect.height
            return AffineTransform.translation(-sourceRect.x, -sourceRect.y).then(.scale(sx, sy))
        }

        /// Multiply-adds per output pixel and channel, roughly (for choosing how many threads to use).
        var workEstimate: Int {
            let rows = vertical.sourceRange.count
            return rows * output.width * horizontal.stride + output.height * output.width * vertical.stride
        }
    }
}
