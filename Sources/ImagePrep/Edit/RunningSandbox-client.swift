public import ImageAPI
import ImageRules
public import ImageSandbox

extension RunningSandbox {
    /// The API configuration that talks to this sandbox: its origin for both the API and the file service,
    /// and its key.
    public var apiConfiguration: APIConfiguration {
        APIConfiguration(baseURL: baseURL, filesURL: baseURL, apiKey: APIKey(apiKey))
    }

    /// A task runner wired to this sandbox, keeping its records in `history` (default: a fresh in-memory
    /// history). The checker allows the sandbox's loopback callbacks.
    ///
    /// - Throws: `ClientError` `.history` when the in-memory history cannot be opened.
    public func taskRunner(history: TaskHistory? = nil, polling: PollingOptions = PollingOptions()) throws -> TaskRunner {
        TaskRunner(client: ImageAPIClient(configuration: apiConfiguration), history: try history ?? TaskHistory(inMemory: 20),
                   checker: BundleRulesChecker(allowInsecureCallbacks: true), polling: polling)
    }
}
