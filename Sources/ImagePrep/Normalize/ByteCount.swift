/// Parses byte counts as people write them: `10000`, `500KB`, `4MB`, `10MiB`, `1.5 MB`, `2k`.
///
/// Decimal units are powers of 1000 (`KB`/`K`, `MB`/`M`, `GB`/`G`); binary units powers of 1024 (`KiB`, `MiB`,
/// `GiB`). Case-insensitive; `B` is optional; a space before the unit is allowed.
public enum ByteCount {
    /// The number of bytes `text` names, or nil when it is not a positive size.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingSpaces.lowercased()
        guard let unitStart = t.firstIndex(where: { !($0.isNumber || $0 == ".") }) else {
            return Double(t).flatMap(bytes(1))
        }
        let number = String(t[..<unitStart]).trimmingSpaces
        let unit = String(t[unitStart...]).trimmingSpaces
        let multipliers: [String: Double] = [
            "b": 1, "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9,
            "ki": 1024, "kib": 1024, "mi": 1_048_576, "mib": 1_048_576, "gi": 1_073_741_824, "gib": 1_073_741_824,
        ]
        guard let m = multipliers[unit], let value = Double(number) else { return nil }
        return bytes(m)(value)
    }

    private static func bytes(_ multiplier: Double) -> (Double) -> Int? {
        { value in
            let n = (value * multiplier).rounded(.down)
            return n >= 1 && n < 9e18 ? Int(n) : nil
        }
    }

    /// "4 MB", "500 KB", "812 B" (decimal units), for messages.
    public static func format(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\(Double(bytes / 10_000) / 100) MB" }
        if bytes >= 1_000 { return "\(Double(bytes / 10) / 100) KB" }
        return "\(bytes) B"
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
