public import ImageAPI
public import ImageRules

/// How `Studio.start` runs the local studio page.
public struct StudioConfiguration: Sendable {
    /// The interface to bind. Default `127.0.0.1` (loopback only); another address exposes the page (still
    /// behind the token) to the network.
    public var host: String
    /// The port; 0 (default) picks a free one.
    public var port: Int
    /// Where uploads, the current mask and every task's prepared files and results are written (created if
    /// missing). Nothing outside it is written, and no path sent by the browser is used.
    public var dataDirectory: String
    /// Submits, polls and downloads; its history is what the History panel shows.
    public var runner: TaskRunner
    /// The live check and the check before submitting. Default `BundleRulesChecker()`.
    public var checker: BundleRulesChecker
    /// The model selected at start. Default `gpt-4o-image`.
    public var model: String
    /// The token every request must carry; nil (default) makes a random one (256 bits).
    public var token: String?
    /// Shown on the page: `sandbox` or the API's host. Never the key.
    public var target: String
    /// The price per image of each model on the provider tasks go to (as its providers entry states it),
    /// for the page's cost estimate (n × price). Default empty: no estimate is shown rather than an invented one.
    public var prices: [String: ModelPrice]

    public init(dataDirectory: String, runner: TaskRunner, checker: BundleRulesChecker = BundleRulesChecker(),
                host: String = "127.0.0.1", port: Int = 0, model: String = BundleManifest.defaultModel,
                token: String? = nil, target: String = "api", prices: [String: ModelPrice] = [:]) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.runner = runner
        self.checker = checker
        self.model = model
        self.token = token
        self.target = target
        self.prices = prices
    }

    /// The profile of `model`, when the checker knows it.
    func profile(for model: String) -> ModelProfile? { checker.profiles.profile(for: model) }
}
