import Foundation
import ImageAPI
import Testing

@Suite struct ConfigurationTests {
    @Test func environmentWins() throws {
        let config = try APIConfiguration.load(environment: [
            "IMAGEPREP_API_KEY": "sk-evo-env", "IMAGEPREP_BASE_URL": "http://127.0.0.1:9/",
            "IMAGEPREP_FILES_URL": "http://127.0.0.1:10", "HOME": "/nonexistent",
        ])
        #expect(config.baseURL == "http://127.0.0.1:9")
        #expect(config.filesURL == "http://127.0.0.1:10")
        #expect(config.apiKey == APIKey("sk-evo-env"))
        #expect("\(config.apiKey)" == "<redacted API key>")
        #expect(!String(reflecting: config).contains("sk-evo-env"))
    }

    @Test func defaultsAndMissingKey() throws {
        let error = try #require(throws: ClientError.self) { try APIConfiguration.load(environment: ["HOME": "/nonexistent"]) }
        #expect(error.kind == .configuration)
        let config = try APIConfiguration.load(environment: ["IMAGEPREP_API_KEY": "k", "HOME": "/nonexistent"])
        #expect(config.baseURL == "https://api.evolink.ai")
        #expect(config.filesURL == "https://files-api.evolink.ai")
        #expect(config.userAgent.hasPrefix("imageprep/"))
    }

    @Test func configFileMustBePrivate() throws {
        let dir = try Fixture.tempDir()
        let path = try Fixture.write(Array(#"{"api_key":"sk-evo-file","base_url":"https://b.example"}"#.utf8), dir + "/imageprep-config.json")
        let env = ["IMAGEPREP_CONFIG": path, "HOME": "/nonexistent"]
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = try #require(throws: ClientError.self) { try APIConfiguration.load(environment: env) }
        #expect(error.kind == .configuration)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let config = try APIConfiguration.load(environment: env)
        #expect(config.apiKey == APIKey("sk-evo-file"))
        #expect(config.baseURL == "https://b.example")
        #expect(APIConfiguration.configFilePath(environment: ["XDG_CONFIG_HOME": "/c"]) == "/c/imageprep/config.json")
    }

    @Test func baseURLPathIsStripped() {
        let configuration = APIConfiguration(baseURL: "https://api.example.com/v1/", filesURL: "http://127.0.0.1:8080/api/v1?x=1#f",
                                             apiKey: APIKey("k"))
        #expect(configuration.baseURL == "https://api.example.com")
        #expect(configuration.filesURL == "http://127.0.0.1:8080")
        #expect(APIConfiguration(baseURL: "https://api.example.com//", apiKey: APIKey("k")).baseURL == "https://api.example.com")
    }
}
