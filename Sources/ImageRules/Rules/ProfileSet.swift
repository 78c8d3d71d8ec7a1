import Foundation
import ImageCodecs
import ImageCore

/// The model profiles `check` and `submit` know: the built-in ones plus any from `--rules FILE`.
///
/// A rules file is JSON: one profile object, an array of them, or `{"profiles": [...]}`. A profile whose
/// `model` names a known profile (or that says `"extends": "gpt-4o-image"`) only needs the fields it
/// changes: objects are merged key by key, arrays and numbers replace. A profile for a new model without
/// `extends` must be complete. Schema: docs/RULES.md.
public struct ProfileSet: Sendable {
    /// Profiles by model name.
    public private(set) var profiles: [String: ModelProfile]

    /// The built-in profiles (`gpt-4o-image`, `gpt-image-1`, `gpt-image-1.5`, `gpt-image-2`).
    public static let builtIn: ProfileSet = {
        var set = ProfileSet(profiles: [:])
        for text in BuiltInProfiles.json {
            do {
                try set.add(json: Array(text.utf8), file: "built-in profiles")
            } catch {
                preconditionFailure("built-in profile table is invalid: \(error)")
            }
        }
        return set
    }()

    public init(profiles: [String: ModelProfile]) {
        self.profiles = profiles
    }

    /// The profile for `model`, or nil.
    public func profile(for model: String) -> ModelProfile? { profiles[model] }

    /// Model names, sorted.
    public var models: [String] { profiles.keys.sorted() }

    /// This set with the profiles of a rules file added or overriding.
    ///
    /// - Throws: `RulesFileError` naming the file.
    public func adding(rulesFile path: String) throws(RulesFileError) -> ProfileSet {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: 4 << 20)
        } catch {
            throw RulesFileError(file: path, message: "cannot read the rules file", details: (error as? any ImagePrepError)?.message ?? "\(error)")
        }
        var copy = self
        try copy.add(json: bytes, file: path)
        return copy
    }

    /// Adds or overrides the profiles in rules-file JSON.
    ///
    /// - Throws: `RulesFileError` naming `file`.
    public mutating func add(json bytes: [UInt8], file: String) throws(RulesFileError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw RulesFileError(file: file, message: "not valid JSON", details: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
        }
        let entries: [Any]
        if let array = object as? [Any] {
            entries = array
        } else if let dict = object as? [String: Any], let list = dict["profiles"] {
            guard let array = list as? [Any] else { throw RulesFileError(file: file, message: "`profiles` must be an array of profile objects") }
            entries = array
        } else {
            entries = [object]
        }
        for (index, entry) in entries.enumerated() {
            guard var dict = entry as? [String: Any] else {
                throw RulesFileError(file: file, message: "profile \(index + 1): expected a JSON object")
            }
            guard let model = dict["model"] as? String, !model.isEmpty else {
                throw RulesFileError(file: file, message: "profile \(index + 1): missing string field `model`")
            }
            let baseName = (dict.removeValue(forKey: "extends") as? String) ?? model
            if let base = profiles[baseName] {
                dict = Self.merge(Self.dictionary(of: base), dict)
            } else if baseName != model {
                throw RulesFileError(file: file, message: "profile `\(model)`: extends unknown profile `\(baseName)`",
                                     details: "known: \(models.joined(separator: ", "))")
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: dict)
                profiles[model] = try Self.decoder.decode(ModelProfile.self, from: data)
            } catch let error as DecodingError {
                throw RulesFileError(file: file, message: "profile `\(model)`: \(Self.describe(error))")
            } catch {
                throw RulesFileError(file: file, message: "profile `\(model)`: \(error)")
            }
        }
    }

    /// The profile as JSON in the rules-file schema (pretty, sorted keys).
    public static func json(of profile: ModelProfile) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(profile)).map(Array.init) ?? []
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    static func dictionary(of profile: ModelProfile) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json(of: profile)))) as? [String: Any] ?? [:]
    }

    /// `overlay` on top of `base`: nested objects merge, everything else replaces; JSON null removes a key.
    static func merge(_ base: [String: Any], _ overlay: [String: Any]) -> [String: Any] {
        var result = base
        for (key, value) in overlay {
            if value is NSNull {
                result.removeValue(forKey: key)
            } else if let inner = value as? [String: Any], let old = result[key] as? [String: Any] {
                result[key] = merge(old, inner)
            } else {
                result[key] = value
            }
        }
        return result
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return "missing field `\(at.snakeCased)`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "field `\(path(context.codingPath).snakeCased)`: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension String {
    /// `maxBytes` → `max_bytes`, for error messages about rules-file fields.
    fileprivate var snakeCased: String {
        var out = ""
        for ch in self {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
