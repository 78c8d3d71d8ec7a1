extension Mask {
    /// A flat list of XML start tags with their attributes and their ancestors' names, read by a small
    /// well-formedness-checking reader written for hostile input.
    ///
    /// It replaces Foundation's `XMLParser` (libxml2 on Linux), which trapped on non-UTF-8 names, leaked on
    /// every parse error and crashed in `strlen` on a malformed SVG the fuzz targets found. What SVG and CVAT
    /// need is kept: elements, attributes, short text. The XML declaration, processing instructions,
    /// comments and the DOCTYPE (with any internal subset) are skipped; entities are the five predefined ones
    /// and numeric references only — a DOCTYPE's own entities are never expanded, so entity bombs cannot grow.
    struct XMLElements {
        struct Element {
            var name: String
            var attributes: [String: String]
            /// Names of the enclosing elements, outermost first.
            var ancestors: [String]
            /// Text directly inside the element (trimmed, at most 4 KiB kept), for elements such as `<version>`.
            var text: String
            /// Index of the nearest enclosing element in `elements`, or -1.
            var parent: Int
            /// The name as written, with any prefix (end tags must repeat it exactly).
            var qualified: String = ""
        }

        var elements: [Element] = []

        /// Deepest nesting accepted.
        static let maxDepth = 256
        /// Most elements accepted.
        static let maxElements = 5_000_000

        static func parse(_ bytes: [UInt8], format: ImportFormat) throws(ImportError) -> XMLElements {
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw ImportError(format: format, message: "not well-formed XML", details: "the file is not valid UTF-8")
            }
            var reader = Reader(bytes: bytes)
            do {
                return XMLElements(elements: try reader.read())
            } catch {
                throw ImportError(format: format, message: "not well-formed XML", details: "line \(reader.line): \(error.text)")
            }
        }

        struct Failure: Error {
            var text: String
        }

        /// The reader: one pass over the bytes, no recursion.
        struct Reader {
            let bytes: [UInt8]
            var i = 0
            var elements: [Element] = []
            var stack: [Int] = []
            var sawRoot = false

            init(bytes: [UInt8]) {
                self.bytes = bytes
            }

            /// The 1-based line of the current position, for messages.
            var line: Int { 1 + bytes[..<min(i, bytes.count)].lazy.filter { $0 == 0x0A }.count }

            mutating func read() throws(Failure) -> [Element] {
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }  // UTF-8 byte-order mark
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "<") {
                        try markup()
                    } else {
                        let start = i
                        while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
                        let text = try decode(start, i)
                        if let top = stack.last {
                            appendText(text, to: top)
                        } else if !text.allSatisfy({ $0.isWhitespace }) {
                            throw Failure(text: "text outside the root element")
                        }
                    }
                }
                if let open = stack.last { throw Failure(text: "<\(elements[open].name)> is never closed") }
                guard sawRoot else { throw Failure(text: "no root element") }
                return elements
            }

            mutating func markup() throws(Failure) {
                if starts("<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if starts("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts("<![CDATA[") {
                    guard let top = stack.last else { throw Failure(text: "CDATA outside the root element") }
                    let start = i + 9
                    try skip(past: "]]>", what: "CDATA section")
                    appendText(String(decoding: bytes[start..<(i - 3)], as: UTF8.self), to: top)
                } else if starts("<!DOCTYPE") {
                    try skipDoctype()
                } else if starts("</") {
                    i += 2
                    let name = try readName()
                    skipSpace()
                    try expect(">")
                    guard let open = stack.popLast() else { throw Failure(text: "</\(name)> closes nothing") }
                    guard elements[open].qualified == name else {
                        throw Failure(text: "</\(name)> closes <\(elements[open].name)>")
                    }
                    elements[open].text = elements[open].text.trimmed
                } else {
                    try startTag()
                }
            }

            mutating func startTag() throws(Failure) {
                i += 1
                let name = try readName()
                if stack.isEmpty && sawRoot { throw Failure(text: "a second root element <\(name)>") }
                guard stack.count < XMLElements.maxDepth, elements.count < XMLElements.maxElements else {
                    throw Failure(text: "too deeply nested or too many elements")
                }
                var attributes: [String: String] = [:]
                while true {
                    let hadSpace = skipSpace()
                    guard i < bytes.count else { throw Failure(text: "<\(name) is never finished") }
                    if bytes[i] == UInt8(ascii: ">") || starts("/>") { break }
                    guard hadSpace else { throw Failure(text: "attributes of <\(name)> need white space between them") }
                    let key = try readName()
                    skipSpace()
                    try expect("=")
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                        throw Failure(text: "attribute \(key) of <\(name)> needs a quoted value")
                    }
                    let quote = bytes[i]
                    i += 1
                    let start = i
                    while i < bytes.count && bytes[i] != quote {
                        if bytes[i] == UInt8(ascii: "<") { throw Failure(text: "'<' inside attribute \(key)") }
                        i += 1
                    }
                    guard i < bytes.count else { throw Failure(text: "attribute \(key) of <\(name)> is never closed") }
                    let value = try decode(start, i)
                    i += 1
                    guard attributes[key] == nil else { throw Failure(text: "attribute \(key) repeated on <\(name)>") }
                    attributes[key] = value
                }
                let selfClosing = starts("/>")
                i += selfClosing ? 2 : 1
                sawRoot = true
                elements.append(Element(name: Self.localName(name), attributes: attributes,
                                        ancestors: stack.map { elements[$0].name }, text: "", parent: stack.last ?? -1,
                                        qualified: name))
                if !selfClosing { stack.append(elements.count - 1) }
            }

            /// Skips `<!DOCTYPE …>`, including a bracketed internal subset whose declarations are ignored.
            mutating func skipDoctype() throws(Failure) {
                guard !sawRoot else { throw Failure(text: "DOCTYPE after the root element") }
                var depth = 0
                var quote: UInt8? = nil
                while i < bytes.count {
                    let b = bytes[i]
                    i += 1
                    if let q = quote { if b == q { quote = nil }; continue }
                    switch b {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
                    case UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "]"): depth -= 1
                    case UInt8(ascii: ">") where depth <= 0: return
                    default: break
                    }
                }
                throw Failure(text: "DOCTYPE is never finished")
            }

            mutating func readName() throws(Failure) -> String {
                let start = i
                while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
                guard i > start, !(0x30...0x39).contains(bytes[start]), bytes[start] != UInt8(ascii: "-"),
                      bytes[start] != UInt8(ascii: ".") else {
                    throw Failure(text: "a name was expected")
                }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            }

            /// Text between `start` and `end` with entity and character references replaced.
            func decode(_ start: Int, _ end: Int) throws(Failure) -> String {
                guard bytes[start..<end].contains(UInt8(ascii: "&")) else {
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
                var out: [UInt8] = []
                out.reserveCapacity(end - start)
                var j = start
                while j < end {
                    guard bytes[j] == UInt8(ascii: "&") else { out.append(bytes[j]); j += 1; continue }
                    guard let semi = bytes[j..<min(end, j + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                        throw Failure(text: "'&' that starts no reference")
                    }
                    let ref = String(decoding: bytes[(j + 1)..<semi], as: UTF8.self)
                    switch ref {
                    case "lt": out.append(UInt8(ascii: "<"))
                    case "gt": out.append(UInt8(ascii: ">"))
                    case "amp": out.append(UInt8(ascii: "&"))
                    case "quot": out.append(UInt8(ascii: "\""))
                    case "apos": out.append(UInt8(ascii: "'"))
                    default:
                        let scalar: Unicode.Scalar?
                        if ref.hasPrefix("#x") || ref.hasPrefix("#X") {
                            scalar = UInt32(ref.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                        } else if ref.hasPrefix("#") {
                            scalar = UInt32(ref.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                        } else {
                            throw Failure(text: "entity &\(ref); is not defined (only the XML predefined entities are read)")
                        }
                        guard let scalar, scalar.value != 0 else { throw Failure(text: "bad character reference &\(ref);") }
                        out += Array(String(Character(scalar)).utf8)
                    }
                    j = semi + 1
                }
                return String(decoding: out, as: UTF8.self)
            }

            mutating func appendText(_ text: String, to index: Int) {
                if elements[index].text.utf8.count < 4096 { elements[index].text += text }
            }

            func starts(_ literal: StaticString) -> Bool {
                let n = literal.utf8CodeUnitCount
                guard i + n <= bytes.count else { return false }
                return literal.withUTF8Buffer { lit in (0..<n).allSatisfy { bytes[i + $0] == lit[$0] } }
            }

            mutating func skip(past literal: StaticString, what: String) throws(Failure) {
                while i < bytes.count {
                    if starts(literal) { i += literal.utf8CodeUnitCount; return }
                    i += 1
                }
                throw Failure(text: "\(what) is never finished")
            }

            mutating func expect(_ literal: StaticString) throws(Failure) {
                guard starts(literal) else { throw Failure(text: "'\(literal)' was expected") }
                i += literal.utf8CodeUnitCount
            }

            @discardableResult
            mutating func skipSpace() -> Bool {
                let start = i
                while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
                return i > start
            }

            static func isNameByte(_ b: UInt8) -> Bool {
                (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b >= 0x80
                    || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            }

            /// `svg:path` → `path`.
            static func localName(_ name: String) -> String {
                name.split(separator: ":").last.map(String.init) ?? name
            }
        }
    }
}

extension String {
    fileprivate var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
