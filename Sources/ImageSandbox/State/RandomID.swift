/// Random identifiers of lowercase letters and digits (ids are unique, not reproducible).
enum RandomID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    static func make(_ length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
