import Foundation

/// Decodes a value the API sends as an int, a number or a string, as text (`error.code`) or as an int
/// (`progress`: `48`, `48.0`, `"48"`, or a fraction string `"0.48"` → 48).
struct LenientValue: Decodable, Sendable {
    var text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            text = nil
        } else if let int = try? container.decode(Int.self) {
            text = String(int)
        } else if let double = try? container.decode(Double.self) {
            text = double == double.rounded() ? String(Int(double)) : String(double)
        } else if let string = try? container.decode(String.self) {
            text = string
        } else if let bool = try? container.decode(Bool.self) {
            text = String(bool)
        } else {
            text = nil
        }
    }

    /// The value as a percentage 0–100, clamped; nil when not numeric.
    var percent: Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), let value = Double(text.replacing("%", with: "")) else {
            return nil
        }
        let scaled = text.contains(".") && value <= 1 && !text.hasSuffix("%") ? value * 100 : value
        return min(100, max(0, Int(scaled.rounded())))
    }
}
