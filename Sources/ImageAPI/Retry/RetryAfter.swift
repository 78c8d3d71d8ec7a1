public import Foundation

/// Reads the wait a server asks for: a `Retry-After` header (seconds or an HTTP date) or a
/// "retry after N seconds" suggestion in an error message.
public enum RetryAfter {
    /// The delay in a `Retry-After` header value: delta-seconds, or an IMF-fixdate relative to `now`.
    public static func parse(header value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .secondsValue(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .secondsValue(max(0, date.timeIntervalSince(now)))
    }

    /// The N of "retry after N seconds" (also "retry in N s", "N seconds later"), case-insensitive.
    public static func parse(message: String?) -> Duration? {
        guard let message, !message.isEmpty else { return nil }
        let patterns = [#"retry\s+(?:after|in)\s+(\d+(?:\.\d+)?)\s*(?:s\b|sec|second)"#,
                        #"(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)\s+later"#]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            let range = NSRange(message.startIndex..., in: message)
            if let match = regex.firstMatch(in: message, range: range), let r = Range(match.range(at: 1), in: message),
               let seconds = Double(message[r]) {
                return .secondsValue(seconds)
            }
        }
        return nil
    }
}
