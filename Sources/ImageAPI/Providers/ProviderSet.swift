import Foundation
import SystemIO

/// The providers a task may be sent to, from the config file's `providers` list; without a list, the one
/// provider of `APIConfiguration.load` (named `default`), unchanged.
///
/// An entry: `{"name": "a", "base_url": "https://…", "files_url": "https://…", "api_key_env": "A_KEY",
/// "models": {"gpt-4o-image": {"credits_per_image": 1.5, "usd_per_image": 0.0208}}, "priority": 0}`.
/// `files_url` defaults to `base_url`; `priority` (default 0) breaks ties between equal prices, lower first.
/// Keys come only from the named environment variables; a key written in the file is refused.
/// An optional top-level `"cooldown": {"base_seconds": 30, "max_seconds": 900, "quota_seconds": 21600}` sets
/// the health policy (these are the defaults).
public struct ProviderSet: Sendable {
    public var providers: [Provider]
    /// Whether this is the single provider of a configuration without a `providers` list.
    public var isDefaultOnly: Bool
    /// How long a failing provider is cooled down (the file's `cooldown`, else the defaults).
    public var healthPolicy: ProviderHealthPolicy

    public init(providers: [Provider], isDefaultOnly: Bool = false, healthPolicy: ProviderHealthPolicy = ProviderHealthPolicy()) {
        self.providers = providers
        self.isDefaultOnly = isDefaultOnly
        self.healthPolicy = healthPolicy
    }

    /// The name of the provider of a configuration without a `providers` list.
    public static let defaultName = "default"

    /// The provider called `name`.
    public func provider(named name: String) -> Provider? { providers.first { $0.name == name } }

    /// Reads the config file (same path and safety rules as `APIConfiguration.load`).
    ///
    /// - Throws: `ClientError` `.configuration` for an unsafe or malformed file, a malformed entry, or (without
    ///   a list) no key.
    public static func load(environment env: [String: String]) throws(ClientError) -> ProviderSet {
        let path = APIConfiguration.configFilePath(environment: env)
        let object = LocalFile.exists(path) ? try APIConfiguration.readConfigObject(path) : [:]
        if let list = object["providers"] {
            guard let entries = list as? [[String: Any]], !entries.isEmpty else {
                throw ClientError(.configuration, message: "\"providers\" must be a non-empty array of objects", file: path)
            }
            var providers: [Provider] = []
            for (index, entry) in entries.enumerated() {
                let provider = try parse(entry, index: index, environment: env, file: path)
                guard !providers.contains(where: { $0.name == provider.name }) else {
                    throw ClientError(.configuration, message: "providers[\(index)]: the name \"\(provider.name)\" is used twice", file: path)
                }
                providers.append(provider)
            }
            return ProviderSet(providers: providers, healthPolicy: try healthPolicy(object["cooldown"], file: path))
        }
        return try defaultOnly(APIConfiguration.load(environment: env))
    }

    /// The single provider `default` talking to `configuration`, pricing `gpt-4o-image` at the product page's price.
    public static func defaultOnly(_ configuration: APIConfiguration) -> ProviderSet {
        let digest = Provider.digest("\(configuration.baseURL)|\(configuration.filesURL)|\(configuration.apiKey.authorizationValue)")
        return ProviderSet(providers: [Provider(name: defaultName, configuration: configuration, apiKeyEnv: nil,
                                                models: ["gpt-4o-image": .gpt4oImage], configDigest: digest)],
                           isDefaultOnly: true)
    }

    /// The `cooldown` object: positive numbers of seconds, each optional.
    static func healthPolicy(_ value: Any?, file: String) throws(ClientError) -> ProviderHealthPolicy {
        var policy = ProviderHealthPolicy()
        guard let value else { return policy }
        guard let fields = value as? [String: Any] else {
            throw ClientError(.configuration, message: "\"cooldown\" must be an object of seconds", file: file)
        }
        func seconds(_ key: String) throws(ClientError) -> Duration? {
            guard let raw = fields[key] else { return nil }
            guard let number = raw as? Double, number > 0, number <= 1e9 else {
                throw ClientError(.configuration, message: "cooldown.\(key) must be a positive number of seconds", file: file)
            }
            return .milliseconds(Int64(number * 1000))
        }
        if let base = try seconds("base_seconds") { policy.baseCooldown = base }
        if let max = try seconds("max_seconds") { policy.maxCooldown = max }
        if let quota = try seconds("quota_seconds") { policy.quotaCooldown = quota }
        return policy
    }

    /// One entry of the list.
    static func parse(_ entry: [String: Any], index: Int, environment env: [String: String], file: String) throws(ClientError) -> Provider {
        func fail(_ message: String) -> ClientError {
            ClientError(.configuration, message: "providers[\(index)]: \(message)", file: file)
        }
        guard let name = entry["name"] as? String, !name.isEmpty else { throw fail("\"name\" must be a non-empty string") }
        guard entry["api_key"] == nil else { throw fail("keys are not written in the file; name the variable in \"api_key_env\"") }
        guard let base = entry["base_url"] as? String, base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw fail("\"base_url\" must be an http(s) URL")
        }
        let files = entry["files_url"] as? String ?? base
        guard files.hasPrefix("http://") || files.hasPrefix("https://") else { throw fail("\"files_url\" must be an http(s) URL") }
        guard let keyEnv = entry["api_key_env"] as? String, !keyEnv.isEmpty else {
            throw fail("\"api_key_env\" must name the environment variable holding the key")
        }
        guard let modelList = entry["models"] as? [String: Any], !modelList.isEmpty else {
            throw fail("\"models\" must map at least one model to its price")
        }
        var models: [String: ModelPrice] = [:]
        for (model, value) in modelList {
            guard let price = value as? [String: Any], let credits = (price["credits_per_image"] as? NSNumber)?.doubleValue,
                  let usd = (price["usd_per_image"] as? NSNumber)?.doubleValue, credits >= 0, usd >= 0,
                  credits.isFinite, usd.isFinite else {
                throw fail("models.\(model) needs non-negative numbers \"credits_per_image\" and \"usd_per_image\"")
            }
            models[model] = ModelPrice(creditsPerImage: credits, usdPerImage: usd)
        }
        let priority = (entry["priority"] as? NSNumber)?.intValue ?? 0
        let key = APIConfiguration.nonEmpty(env[keyEnv]).map(APIKey.init)
        let configuration = key.map { APIConfiguration(baseURL: base, filesURL: files, apiKey: $0) }
        let canonical = (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? name
        return Provider(name: name, configuration: configuration, apiKeyEnv: keyEnv, models: models, priority: priority,
                        configDigest: Provider.digest(canonical + "|" + (key?.authorizationValue ?? "")),
                        problem: key == nil ? "\(keyEnv) is not set" : nil)
    }
}
