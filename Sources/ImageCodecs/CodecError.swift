public import ImageCore

/// A stage of reading or writing an image; each stage has its own error type.
public protocol CodecStage: Sendable {
    /// The stage's name as printed: "sniff", "header", "limits", "decode" or "encode" (file errors, `FileIOError` of SystemIO, say "io").
    static var name: String { get }
}

/// Recognising the format from the first bytes.
public enum SniffStage: CodecStage { public static let name = "sniff" }
/// Reading the header (dimensions, colour type, markers or chunks before the pixels).
public enum HeaderStage: CodecStage { public static let name = "header" }
/// Checking `DecodeLimits` before allocating.
public enum LimitStage: CodecStage { public static let name = "limits" }
/// Decoding the pixel data.
public enum DecodeStage: CodecStage { public static let name = "decode" }
/// Encoding pixels into a format.
public enum EncodeStage: CodecStage { public static let name = "encode" }

/// An error from one codec stage: what failed, in which format and file, with the C library's own text.
///
/// Catch a stage by its alias: `catch let error as DecodeError`, or any stage as `any CodecFailure`.
public struct CodecError<Stage: CodecStage>: CodecFailure, Equatable {
    /// The format being read or written, when known.
    public var format: ImageFormat?
    /// The file (or "-" for standard input/output), when known.
    public var file: String?
    /// A one-line summary.
    public var message: String
    /// The C library's own message or other detail, if any.
    public var details: String?
    /// The C library's error code, if it gave one.
    public var code: Int?

    public init(format: ImageFormat? = nil, file: String? = nil, message: String, details: String? = nil, code: Int? = nil) {
        self.format = format
        self.file = file
        self.message = message
        self.details = details
        self.code = code
    }

    public var stage: String { Stage.name }

    /// The same error naming `file` (kept if already set).
    public func naming(_ file: String?) -> Self {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    public var description: String { stageDescription(Stage.name, subject: format?.rawValue) }
}

/// Any codec error, whatever its stage.
public protocol CodecFailure: ImagePrepError {
    var format: ImageFormat? { get }
    var stage: String { get }
    func naming(_ file: String?) -> Self
}

public typealias SniffError = CodecError<SniffStage>
public typealias HeaderError = CodecError<HeaderStage>
public typealias LimitError = CodecError<LimitStage>
public typealias DecodeError = CodecError<DecodeStage>
public typealias EncodeError = CodecError<EncodeStage>
