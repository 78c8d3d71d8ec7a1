/// The last few rendered result PNGs, so repeated downloads do not re-render. Results are deterministic,
/// so evicting one only costs time.
actor ResultCache {
    private var entries: [String: [UInt8]] = [:]
    private var order: [String] = []
    private let capacity: Int

    /// Default capacity: 8 images.
    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    func get(_ key: String) -> [UInt8]? { entries[key] }

    func put(_ key: String, _ bytes: [UInt8]) {
        if entries.updateValue(bytes, forKey: key) == nil { order.append(key) }
        while order.count > capacity { entries[order.removeFirst()] = nil }
    }
}
