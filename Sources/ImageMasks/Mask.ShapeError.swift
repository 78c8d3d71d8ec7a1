public import ImageCore

extension Mask {
    /// A shape or option that cannot make a meaningful mask. Thrown by `Mask.render`, never a crash.
    public struct ShapeError: ImagePrepError, Equatable {
        /// What is wrong.
        public enum Reason: String, Sendable, Hashable, Codable {
            /// A coordinate, radius or option is NaN or infinite.
            case nonFinite = "non-finite"
            /// A polygon ring has fewer than 3 distinct points.
            case tooFewPoints = "too-few-points"
            /// A rectangle or ellipse has a zero or negative side/radius, or a polygon encloses no area.
            case zeroArea = "zero-area"
            /// An added shape lies entirely outside the base.
            case outside
            /// The shapes cover no pixel at all after every operation (an empty mask edits nothing).
            case emptyMask = "empty-mask"
            /// An option is out of range (negative grow, feather, …).
            case invalidOption = "invalid-option"
            /// A shape is in the original photo's frame but no original-to-base transform was given.
            case missingTransform = "missing-transform"
            /// More vertices than `RenderOptions.maxVertices`.
            case tooComplex = "too-complex"
            /// No shapes were given.
            case noShapes = "no-shapes"
            /// Shape text (`Mask.Shape(parsing:)`) does not follow the grammar.
            case syntax
        }

        public var reason: Reason
        /// Which shape ("shape 3 (polygon)"), when one is to blame.
        public var shape: String?
        public var message: String
        public var details: String?

        public init(_ reason: Reason, shape: String? = nil, message: String, details: String? = nil) {
            self.reason = reason
            self.shape = shape
            self.message = message
            self.details = details
        }

        public var description: String {
            var text = "mask error [\(reason.rawValue)]: "
            if let shape { text += "\(shape): " }
            text += message
            if let details, !details.isEmpty { text += " (\(details))" }
            return text
        }
    }
}
