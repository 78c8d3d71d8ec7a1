import Foundation
import ImageCore

/// Typed reads from a `JSONSerialization` object with errors that name the field and the expected type:
/// "field `n`: expected an integer, got a string".
struct JSONField {
    private let object: [String: Any]
    private let file: String?
    private let path: String

    init(_ object: [String: Any], file: String?, path: String) {
        self.object = object
        self.file = file
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func mismatch(_ key: String, expected: String, got value: Any) -> BundleError {
        BundleError(.invalidField, file: file, message: "field `\(name(key))`: expected \(expected), got \(Self.typeName(value))")
    }

    /// The value, or nil when absent or JSON null.
    private func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    func string(_ key: String) throws(BundleError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value as? String else { throw mismatch(key, expected: "a string", got: value) }
        return string
    }

    func int(_ key: String) throws(BundleError) -> Int? {
        guard let value = value(key) else { return nil }
        guard Self.isNumber(value), let number = value as? NSNumber, let int = Int(exactly: number.doubleValue),
              Double(int) == number.doubleValue else {
            throw mismatch(key, expected: "an integer", got: value)
        }
        return int
    }

    func double(_ key: String) throws(BundleError) -> Double? {
        guard let value = value(key) else { return nil }
        guard Self.isNumber(value), let number = value as? NSNumber else { throw mismatch(key, expected: "a number", got: value) }
        return number.doubleValue
    }

    func stringArray(_ key: String) throws(BundleError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value as? [Any] else { throw mismatch(key, expected: "an array of strings", got: value) }
        return try array.enumerated().map { (i, element) throws(BundleError) -> String in
            guard let string = element as? String else { throw mismatch("\(key)[\(i)]", expected: "a string", got: element) }
            return string
        }
    }

    func object(_ key: String) throws(BundleError) -> JSONField? {
        guard let value = value(key) else { return nil }
        guard let dict = value as? [String: Any] else { throw mismatch(key, expected: "an object", got: value) }
        return JSONField(dict, file: file, path: name(key))
    }

    func transform(_ key: String) throws(BundleError) -> ImageCore.AffineTransform? {
        guard let t = try object(key) else { return nil }
        func need(_ k: String) throws(BundleError) -> Double {
            guard let v = try t.double(k) else {
                throw BundleError(.invalidField, file: file, message: "missing field `\(name(key)).\(k)`",
                                  details: "a transform has the numbers a, b, c, d, tx, ty")
            }
            return v
        }
        return ImageCore.AffineTransform(a: try need("a"), b: try need("b"), c: try need("c"), d: try need("d"),
                               tx: try need("tx"), ty: try need("ty"))
    }

    func size(_ key: String) throws(BundleError) -> Size? {
        guard let s = try object(key) else { return nil }
        guard let w = try s.int("width"), let h = try s.int("height") else {
            throw BundleError(.invalidField, file: file, message: "field `\(name(key))`: expected {\"width\", \"height\"}")
        }
        return Size(width: w, height: h)
    }

    /// Whether a JSONSerialization value is a number (not a boolean, which also bridges to NSNumber).
    static func isNumber(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        // Booleans come back as NSNumber with objCType "c"; JSON numbers never use that type.
        return String(cString: number.objCType) != "c"
    }

    /// "a string", "an integer", "an array", … for error text.
    static func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default:
            if isNumber(value) { "a number" } else if value is NSNumber { "a boolean" } else { "\(type(of: value))" }
        }
    }
}
