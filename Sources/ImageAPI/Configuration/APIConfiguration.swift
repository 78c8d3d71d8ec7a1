import Foundation
public import ImageCore
import SystemIO

/// Where the API lives, the key, timeouts and the User-Agent.
///
/// `baseURL` and `filesURL` are origins (`https://host[:port]`) to which the documented paths are
/// appended: `/v1/...` for the API and `/api/v1/files/...` for the file service. A path given with them
/// (`https://api.example.com/v1`) is dropped, so it is never doubled.
public struct APIConfiguration: Sendable {
    /// The API origin. Default `https://api.evolink.ai`; environment `IMAGEPREP_BASE_URL`.
    public var baseURL: String
    /// The file-service origin. Default `https://files-api.evolink.ai`; environment `IMAGEPREP_FILES_URL`.
    public var filesURL: String
    /// The key, sent as `Authorization: Bearer …` to these two origins only.
    public var apiKey: APIKey
    /// Deadline of one API request (create, task status). Default 60 s.
    public var requestTimeout: Duration
    /// Deadline of one upload or download. Default 300 s.
    public var transferTimeout: Duration
    /// The User-Agent header. Default `imageprep/<version>`.
    public var userAgent: String

    public static let defaultBaseURL = "https://api.evolink.ai"
    public static let defaultFilesURL = "https://files-api.evolink.ai"

    public init(baseURL: String = Self.defaultBaseURL, filesURL: String = Self.defaultFilesURL, apiKey: APIKey,
                requestTimeout: Duration = .seconds(60), transferTimeout: Duration = .seconds(300),
                userAgent: String = "imageprep/\(ImagePrepVersion.string)") {
        self.baseURL = Self.origin(baseURL)
        self.filesURL = Self.origin(filesURL)
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.transferTimeout = transferTimeout
        self.userAgent = userAgent
    }

    /// The configuration from the environment and the config file.
    ///
    /// The key comes from `IMAGEPREP_API_KEY`, else from the config file's `"api_key"`. The config file is
    /// `IMAGEPREP_CONFIG`, else `$XDG_CONFIG_HOME/imageprep/config.json` (default `~/.config/...`); it may also
    /// set `"base_url"` and `"files_url"`, which the environment overrides. A config file readable or writable
    /// by group or others is refused.
    ///
    /// - Throws: `ClientError` `.configuration` when no key is found or the file is unsafe or malformed.
    public static func load(environment env: [String: String]) throws(ClientError) -> APIConfiguration {
        var fileValues: [String: String] = [:]
        let path = configFilePath(environment: env)
        if LocalFile.exists(path) {
            fileValues = try readConfigFile(path)
        } else if env["IMAGEPREP_CONFIG"] != nil {
            throw ClientError(.configuration, message: "config file not found", file: path)
        }
        let key = env["IMAGEPREP_API_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? fileValues["api_key"]
        guard let key, !APIKey(key).isEmpty else {
            throw ClientError(.configuration, message: "no API key",
                              details: "set IMAGEPREP_API_KEY or \"api_key\" in \(path) (mode 0600)")
        }
        return APIConfiguration(
            baseURL: nonEmpty(env["IMAGEPREP_BASE_URL"]) ?? fileValues["base_url"] ?? defaultBaseURL,
            filesURL: nonEmpty(env["IMAGEPREP_FILES_URL"]) ?? fileValues["files_url"] ?? defaultFilesURL,
            apiKey: APIKey(key))
    }

    /// `IMAGEPREP_CONFIG`, else `$XDG_CONFIG_HOME/imageprep/config.json`, else `~/.config/imageprep/config.json`.
    public static func configFilePath(environment env: [String: String]) -> String {
        if let path = nonEmpty(env["IMAGEPREP_CONFIG"]) { return path }
        let base = nonEmpty(env["XDG_CONFIG_HOME"]) ?? "\(env["HOME"] ?? ".")/.config"
        return "\(base)/imageprep/config.json"
    }

    private static func readConfigFile(_ path: String) throws(ClientError) -> [String: String] {
        try readConfigObject(path).compactMapValues { $0 as? String }
    }

    /// The config file as a JSON object, after the safety checks (mode 0600 or stricter).
    static func readConfigObject(_ path: String) throws(ClientError) -> [String: Any] {
        if let mode = LocalFile.mode(path), mode & 0o077 != 0 {
            throw ClientError(.configuration, message: "config file is accessible by other users; run chmod 600",
                              details: "mode \(String(mode, radix: 8))", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClientError(.configuration, message: "cannot read config file", file: path)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ClientError(.configuration, message: "config file is not a JSON object", file: path)
        }
        return object
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// `url` without trailing slashes.
    /// `scheme://host[:port]` of `url`: a path, query or fragment is dropped (`https://api.example.com/v1/`
    /// → `https://api.example.com`), since the documented paths (`/v1/...`) are appended to the origin.
    static func origin(_ url: String) -> String {
        guard let separator = url.range(of: "://") else {
            var text = url
            while text.hasSuffix("/") { text.removeLast() }
            return text
        }
        let authority = url[separator.upperBound...]
        return String(url[..<(authority.firstIndex { "/?#".contains($0) } ?? url.endIndex)])
    }

    /// Whether `url` is on the API or file-service origin (the only places the key is sent).
    func isOwnOrigin(_ url: String) -> Bool {
        [baseURL, filesURL].contains { url == $0 || url.hasPrefix($0 + "/") }
    }
}
