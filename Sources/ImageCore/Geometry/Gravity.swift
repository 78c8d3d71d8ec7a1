/// Where the kept window (cover) or the image (contain) sits.
public enum Gravity: Sendable, Hashable, Codable {
    case centre, north, south, east, west, northEast, northWest, southEast, southWest
    /// Centre the cover window on this point, given as fractions (0…1, clamped) of the upright source's width
    /// and height; the window is then moved the least needed to stay inside the source. For contain, acts as
    /// `.centre`.
    case focus(x: Double, y: Double)

    /// Compass names as the CLI accepts them (`centre`/`center`, `north`, `northeast`/`ne`, …).
    public init?(name: String) {
        switch String(name.lowercased().filter { $0 != "-" && $0 != "_" }) {
        case "centre", "center", "c": self = .centre
        case "north", "n", "top": self = .north
        case "south", "s", "bottom": self = .south
        case "east", "e", "right": self = .east
        case "west", "w", "left": self = .west
        case "northeast", "ne": self = .northEast
        case "northwest", "nw": self = .northWest
        case "southeast", "se": self = .southEast
        case "southwest", "sw": self = .southWest
        default: return nil
        }
    }

    /// The anchor as fractions of the free space: 0 = left/top, 0.5 = centre, 1 = right/bottom.
    public var anchor: (x: Double, y: Double) {
        switch self {
        case .centre: (0.5, 0.5)
        case .north: (0.5, 0)
        case .south: (0.5, 1)
        case .east: (1, 0.5)
        case .west: (0, 0.5)
        case .northEast: (1, 0)
        case .northWest: (0, 0)
        case .southEast: (1, 1)
        case .southWest: (0, 1)
        case .focus: (0.5, 0.5)
        }
    }
}
