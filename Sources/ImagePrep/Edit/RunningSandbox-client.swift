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
    public func taskRunner(history: TaskHistory? = nil, polling: PollingOptions = PollingOptions()) throws(ClientError) -> TaskRunner {
        let history = if let history { history } else { try TaskHistory(inMemory: 20) }
        return TaskRunner(client: ImageAPIClient(configuration: apiConfiguration), history: history,
                                 checker: BundleRulesChecker(allowInsecureCallbacks: true), polling: polling)
    }
}
