/// Reproducible pseudo-random numbers: a pure function of (seed, salt, index), SplitMix64-mixed.
/// The same seed and index always give the same value, whatever ran before or concurrently.
enum SeededDecision {
    /// Salts separating the kinds of decision, so one fault's pick does not predict another's.
    enum Salt: UInt64 {
        case fail = 0x6661696C
        case failStatus = 0x73746174
        case drop = 0x64726F70
        case latency = 0x6C617465
        case taskFailure = 0x7461736B
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in [0, 1).
    static func unit(seed: UInt64, salt: Salt, index: Int) -> Double {
        let bits = mix(mix(seed ^ salt.rawValue) &+ UInt64(truncatingIfNeeded: index))
        return Double(bits >> 11) / Double(1 << 53)
    }

    /// FNV-1a of a string (stable across runs and platforms, unlike `hashValue`).
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
