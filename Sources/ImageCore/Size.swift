/// A width and height in pixels.
public struct Size: Sendable, Hashable, Codable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// `width / height`.
    public var aspectRatio: Double { Double(width) / Double(height) }

    /// "WIDTHxHEIGHT", as the API and the CLI write sizes.
    public var description: String { "\(width)x\(height)" }

    /// Parses "WIDTHxHEIGHT" (also accepts "×" and "X"). Returns nil for anything else or non-positive sides.
    public init?(parsing text: String) {
        let parts = String(text.lowercased().map { $0 == "×" ? "x" : $0 }).split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        self.init(width: w, height: h)
    }
}
