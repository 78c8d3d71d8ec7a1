public import ImageCore

extension Mask {
    /// What an annotation file held.
    public struct ImportResult: Sendable {
        /// The detected format.
        public var format: ImportFormat
        /// The shapes, in file order, with the frame asked for (`Importer.Options.frame`) unless the file says.
        public var shapes: [Shape]
        /// The image size the file declares (COCO `images[].width/height`, LabelMe `imageWidth/Height`,
        /// CVAT `<image width height>`, SVG `width/height` or `viewBox`), if any.
        public var declaredSize: Size?
        /// Things skipped or assumed (unsupported shape types, open rings, …).
        public var warnings: [Warning]

        public init(format: ImportFormat, shapes: [Shape], declaredSize: Size? = nil, warnings: [Warning] = []) {
            self.format = format
            self.shapes = shapes
            self.declaredSize = declaredSize
            self.warnings = warnings
        }
    }
}
