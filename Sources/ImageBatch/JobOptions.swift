/// The options of a job (for `normalize`: size, fit, format, byte cap …) as the command line spells them, one
/// string per option name. A manifest line carries them so that a shard run on another machine does the same
/// work, and their hash names the outputs, so that outputs made with other options never count as done.
/// Encoded as a plain JSON object (`{"size": "auto", "format": "jpeg"}`).
public struct JobOptions: Sendable, Hashable, Codable {
    /// Option name (without `--`) to value; a flag that is set has the value `true`.
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The first 16 hex digits of the SHA-256 of the options in a canonical form (names sorted, one
    /// `name=value` line each): equal options give the same hash on every machine and in every run.
    public var hash: String {
        let canonical = values.keys.sorted().map { "\($0)=\(values[$0]!)\n" }.joined()
        return String(ContentHash.sha256(canonical).prefix(16))
    }

    /// The options as command-line arguments, in name order: `--name value`, or `--name` alone for `true`.
    public var arguments: [String] {
        values.keys.sorted().flatMap { name -> [String] in
            values[name] == "true" ? ["--\(name)"] : ["--\(name)", values[name]!]
        }
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
