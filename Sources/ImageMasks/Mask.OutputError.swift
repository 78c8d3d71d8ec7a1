public import ImageCore

extension Mask {
    /// The mask or preview could not be produced as asked (encoding failed, the PNG cannot fit the byte cap,
    /// the preview's base has another size).
    public struct OutputError: ImagePrepError, Equatable {
        public var message: String
        public var details: String?
        public var file: String?

        public init(message: String, details: String? = nil, file: String? = nil) {
            self.message = message
            self.details = details
            self.file = file
        }
    }
}
