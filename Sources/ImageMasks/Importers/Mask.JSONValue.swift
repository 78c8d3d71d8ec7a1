import Foundation
import ImageCore

extension Mask {
    /// A parsed JSON value with a path for error messages; typed accessors throw `ImportError`.
    struct JSONValue {
        let raw: Any
        let path: String
        let format: ImportFormat?

        init(_ raw: Any, path: String = "$", format: ImportFormat?) {
            self.raw = raw
            self.path = path
            self.format = format
        }

        /// Parses bytes with `JSONSerialization` (which refuses overly deep nesting rather than crashing).
        static func parse(_ bytes: [UInt8], format: ImportFormat?) throws(ImportError) -> JSONValue {
            do {
                let any = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
                return JSONValue(any, format: format)
            } catch {
                throw ImportError(format: format, message: "not valid JSON", details: (error as NSError).userInfo["NSDebugDescription"] as? String)
            }
        }

        func fail(_ message: String) -> ImportError { ImportError(format: format, message: message, details: path) }

        var object: [String: Any]? { raw as? [String: Any] }
        var array: [Any]? { raw as? [Any] }
        var isNull: Bool { raw is NSNull }

        subscript(key: String) -> JSONValue? {
            guard let v = object?[key], !(v is NSNull) else { return nil }
            return JSONValue(v, path: "\(path).\(key)", format: format)
        }

        func require(_ key: String) throws(ImportError) -> JSONValue {
            guard let v = self[key] else {
                throw ImportError(format: format, message: "missing \"\(key)\"", details: path)
            }
            return v
        }

        func items() throws(ImportError) -> [JSONValue] {
            guard let a = array else { throw fail("expected an array") }
            return a.enumerated().map { JSONValue($1, path: "\(path)[\($0)]", format: format) }
        }

        func number() throws(ImportError) -> Double {
            if let n = raw as? NSNumber {
                let d = n.doubleValue
                guard d.isFinite else { throw fail("expected a finite number") }
                return d
            }
            throw fail("expected a number")
        }

        func string() throws(ImportError) -> String {
            guard let s = raw as? String else { throw fail("expected a string") }
            return s
        }

        /// `[x, y]` or `{"x": , "y": }`.
        func point() throws(ImportError) -> Point {
            if let a = array {
                guard a.count >= 2 else { throw fail("expected a point [x, y]") }
                let x = try JSONValue(a[0], path: "\(path)[0]", format: format).number()
                let y = try JSONValue(a[1], path: "\(path)[1]", format: format).number()
                return Point(x: x, y: y)
            }
            if object != nil {
                return Point(x: try require("x").number(), y: try require("y").number())
            }
            throw fail("expected a point [x, y]")
        }

        /// `[[x, y], …]` or a flat `[x1, y1, x2, y2, …]`.
        func points() throws(ImportError) -> [Point] {
            let list = try items()
            if list.first?.array != nil || list.first?.object != nil {
                var out: [Point] = []
                out.reserveCapacity(list.count)
                for p in list { out.append(try p.point()) }
                return out
            }
            guard list.count % 2 == 0 else { throw fail("a flat coordinate list needs an even count, got \(list.count)") }
            var out: [Point] = []
            out.reserveCapacity(list.count / 2)
            var i = 0
            while i < list.count {
                out.append(Point(x: try list[i].number(), y: try list[i + 1].number()))
                i += 2
            }
            return out
        }
    }
}
