import Crypto

/// SHA-256 (swift-crypto) as lowercase hex: the content hash a manifest records for each input, the key that
/// places an item in a shard and names its output.
public enum ContentHash {
    /// The SHA-256 of `bytes`, 64 lowercase hex digits.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The SHA-256 of the UTF-8 bytes of `text`, 64 lowercase hex digits.
    public static func sha256(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
