public import ImageCore

extension Mask {
    /// SVG path data (SVG 1.1 §8.3): M/L/H/V/C/S/Q/T/A/Z in absolute and relative forms, implicit repeated
    /// commands, compact numbers (`1.5.5`, `1e-3`, `-2-3`) and single-digit arc flags. Curves and arcs are
    /// flattened to polylines within `tolerance`. Each subpath becomes one closed ring (SVG fills close open
    /// subpaths).
    public enum SVGPath {
        /// The closed rings of path data `d`, in the path's coordinates, with at most `maxVertices` points in all
        /// (default 4,000,000, as `Importer.Options`): a few bytes of path data can ask for curves
        /// millions of pixels long, and each curve flattens to up to 100,000 points (arcs 1,000,000).
        ///
        /// - Throws: `ImportError` naming the character offset of the problem.
        ///
        /// (Over 60 lines: the path grammar as one state machine — current point, subpath start, last control
        /// point and command — with a case per command letter.)
        public static func rings(_ d: String, tolerance: Double = Flatten.defaultTolerance,
                                 maxVertices: Int = 4_000_000) throws(ImportError) -> [[Point]] {
            var scanner = Scanner(Array(d.utf8))
            var rings: [[Point]] = []
            var ring: [Point] = []
            var current = Point(x: 0, y: 0), start = Point(x: 0, y: 0)
            var lastControl: Point? = nil      // for S/T reflection
            var lastCommand: UInt8 = 0
            var command: UInt8 = 0
            var finishedVertices = 0
            func finishRing() {
                if ring.count >= 2 { rings.append(ring); finishedVertices += ring.count }
                ring = []
            }
            while true {
                scanner.skipSeparators()
                guard let c = scanner.peek() else { break }
                if scanner.isCommand(c) {
                    if command == 0, c | 0x20 != UInt8(ascii: "m") {
                        throw scanner.error("path data must start with a moveto (M or m)")
                    }
                    command = c
                    scanner.index += 1
                } else if command == 0 {
                    throw scanner.error("path data must start with a moveto (M or m)")
                } else if command == UInt8(ascii: "Z") || command == UInt8(ascii: "z") {
                    throw scanner.error("numbers after closepath")
                }
                // `command` repeats implicitly; moveto repeats as lineto.
                let rel = command >= UInt8(ascii: "a")
                let base = rel ? current : Point(x: 0, y: 0)
                func pt(_ p: Point) -> Point { Point(x: base.x + p.x, y: base.y + p.y) }
                var control: Point? = nil
                /// S/T: the previous curve's last control point mirrored about the current point, when the
                /// previous command was one of `kinds` (lowercase); else the current point.
                func reflected(_ kinds: String) -> Point {
                    guard kinds.utf8.contains(lastCommand | 0x20), let last = lastControl else { return current }
                    return Point(x: 2 * current.x - last.x, y: 2 * current.y - last.y)
                }
                switch command | 0x20 {
                case UInt8(ascii: "m"):
                    let p = pt(try scanner.pair())
                    finishRing()
                    ring = [p]
                    current = p; start = p
                    command = rel ? UInt8(ascii: "l") : UInt8(ascii: "L")
                case UInt8(ascii: "l"):
                    let p = pt(try scanner.pair())
                    if ring.isEmpty { ring = [current] }
                    ring.append(p); current = p
                case UInt8(ascii: "h"):
                    let x = try scanner.number()
                    let p = Point(x: rel ? current.x + x : x, y: current.y)
                    if ring.isEmpty { ring = [current] }
                    ring.append(p); current = p
                case UInt8(ascii: "v"):
                    let y = try scanner.number()
                    let p = Point(x: current.x, y: rel ? current.y + y : y)
                    if ring.isEmpty { ring = [current] }
                    ring.append(p); current = p
                case UInt8(ascii: "c"), UInt8(ascii: "s"):
                    let c1 = command | 0x20 == UInt8(ascii: "c") ? pt(try scanner.pair()) : reflected("cs")
                    let c2 = pt(try scanner.pair()), p = pt(try scanner.pair())
                    if ring.isEmpty { ring = [current] }
                    ring += Flatten.cubic(current, c1, c2, p, tolerance: tolerance)
                    current = p; control = c2
                case UInt8(ascii: "q"), UInt8(ascii: "t"):
                    let c1 = command | 0x20 == UInt8(ascii: "q") ? pt(try scanner.pair()) : reflected("qt")
                    let p = pt(try scanner.pair())
                    if ring.isEmpty { ring = [current] }
                    ring += Flatten.quadratic(current, c1, p, tolerance: tolerance)
                    current = p; control = c1
                case UInt8(ascii: "a"):
                    let rx = try scanner.number(), ry = try scanner.number(), rotation = try scanner.number()
                    let large = try scanner.flag(), sweep = try scanner.flag()
                    let p = pt(try scanner.pair())
                    if ring.isEmpty { ring = [current] }
                    ring += Flatten.svgArc(from: current, to: p, rx: rx, ry: ry, xAxisRotation: rotation,
                                           largeArc: large, sweep: sweep, tolerance: tolerance)
                    current = p
                case UInt8(ascii: "z"):
                    finishRing()
                    current = start
                default:
                    throw scanner.error("unknown path command \"\(Character(Unicode.Scalar(command)))\"")
                }
                lastControl = control
                lastCommand = command
                guard finishedVertices + ring.count <= maxVertices else {
                    throw scanner.error("the path flattens to more than \(maxVertices) vertices (curves far larger than any image?); simplify it or raise the tolerance")
                }
            }
            finishRing()
            return rings
        }

        /// A byte cursor over path data.
        struct Scanner {
            let bytes: [UInt8]
            var index = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }

            func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

            func isCommand(_ c: UInt8) -> Bool { "MmLlHhVvCcSsQqTtAaZz".utf8.contains(c) }

            func error(_ message: String) -> ImportError {
                ImportError(format: .svg, message: message, details: "path data offset \(index)")
            }

            mutating func skipSeparators() {
                while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
            }

            mutating func number() throws(ImportError) -> Double {
                skipSeparators()
                let begin = index
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                var digits = 0, dot = false
                while index < bytes.count {
                    let c = bytes[index]
                    if c >= 0x30 && c <= 0x39 { digits += 1; index += 1 }
                    else if c == UInt8(ascii: "."), !dot { dot = true; index += 1 }
                    else { break }
                }
                guard digits > 0 else { index = begin; throw error("expected a number") }
                if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                    var j = index + 1
                    if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
                    if j < bytes.count, bytes[j] >= 0x30 && bytes[j] <= 0x39 {
                        index = j
                        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                    }
                }
                guard let v = Double(String(decoding: bytes[begin..<index], as: UTF8.self)), v.isFinite else {
                    throw error("invalid number")
                }
                return v
            }

            mutating func pair() throws(ImportError) -> Point {
                let x = try number()
                let y = try number()
                return Point(x: x, y: y)
            }

            mutating func flag() throws(ImportError) -> Bool {
                skipSeparators()
                guard index < bytes.count, bytes[index] == 0x30 || bytes[index] == 0x31 else { throw error("expected an arc flag 0 or 1") }
                defer { index += 1 }
                return bytes[index] == 0x31
            }
        }
    }
}
