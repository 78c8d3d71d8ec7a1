/// The studio's access token: 32 random bytes as lowercase hex, compared in constant time.
struct StudioToken: Sendable {
    let value: String

    init(_ value: String? = nil) {
        if let value {
            self.value = value
        } else {
            var generator = SystemRandomNumberGenerator()
            self.value = (0..<32).map { _ in
                let byte = UInt8.random(in: 0...255, using: &generator)
                return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
            }.joined()
        }
    }

    /// Whether `candidate` is the token; the time taken does not depend on where they differ.
    func matches(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let a = Array(value.utf8), b = Array(candidate.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
