/// Everything a sandbox needs to start. Every field has a stated default; the defaults give a
/// loopback server on a free port with in-memory state and no faults.
public struct SandboxConfiguration: Sendable {
    /// Interface to bind. Default "127.0.0.1".
    public var host: String
    /// Port to bind; 0 picks a free one. Default 0.
    public var port: Int
    /// The Bearer key every API and file-service call must carry. Default `SandboxConfiguration.defaultKey`.
    public var apiKey: String
    /// Directory for persistent state (tasks, files, credits, idempotency keys); nil keeps state in memory.
    /// Default nil.
    public var dataDirectory: String?
    /// Sandbox-clock seconds from create to `completed`/`failed` (≥ 0). The first 10 % are `pending`,
    /// the rest `processing` with progress rising linearly to 100. Default 10.
    public var taskDuration: Double
    /// Allow `http://` and loopback/private callback URLs (and deliver to them). Default false.
    public var allowInsecureCallbacks: Bool
    /// Fault injection. Default: none.
    public var faults: Faults
    /// Provider-level faults (fail every create, accept then drop). Default: none.
    public var providerFaults = ProviderFaults()
    /// The clock for task timing, expiry and rate-limit windows. Default `.system`.
    public var clock: SandboxClock
    /// Credits on a fresh account. Default 1000.
    public var initialCredits: Double
    /// Credits reserved per requested image and charged per produced image. Default 1.5.
    public var creditsPerImage: Double
    /// Sandbox-clock seconds a result link stays valid. Default 86 400 (24 h).
    public var resultLifetime: Double
    /// Sandbox-clock seconds an uploaded file stays valid. Default 259 200 (72 h).
    public var fileLifetime: Double
    /// Most live uploaded files per account. Default 100.
    public var maxFiles: Int
    /// Largest upload in bytes. Default 100 MiB.
    public var maxFileBytes: Int
    /// Largest prompt, in characters. Default 1000 (the English page of the contract; see API-CONTRACT §10).
    public var maxPromptLength: Int
    /// Real time one callback attempt may take. Default 10 s.
    public var callbackTimeout: Duration
    /// Real-time delays before the retries of a failed callback. Default 1 s, 2 s, 4 s (three retries).
    public var callbackRetryDelays: [Duration]
    /// Real time between sweeps that finish due tasks and start their callbacks. Default 50 ms.
    public var sweepInterval: Duration

    /// Spoil the kept region of edits as real models do (translation, colour cast, noise); nil renders exact
    /// edits. Default nil. (Issue 19.)
    public var drift: ResultDrift? = nil

    /// The key used when none is given: "sk-evo-sandbox".
    public static let defaultKey = "sk-evo-sandbox"

    public init(
        host: String = "127.0.0.1", port: Int = 0, apiKey: String = SandboxConfiguration.defaultKey,
        dataDirectory: String? = nil, taskDuration: Double = 10, allowInsecureCallbacks: Bool = false,
        faults: Faults = Faults(), clock: SandboxClock = .system, initialCredits: Double = 1000,
        creditsPerImage: Double = 1.5, resultLifetime: Double = 86_400, fileLifetime: Double = 259_200,
        maxFiles: Int = 100, maxFileBytes: Int = 100 << 20, maxPromptLength: Int = 1000,
        callbackTimeout: Duration = .seconds(10),
        callbackRetryDelays: [Duration] = [.seconds(1), .seconds(2), .seconds(4)],
        sweepInterval: Duration = .milliseconds(50)
    ) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.dataDirectory = dataDirectory
        self.taskDuration = max(0, taskDuration)
        self.allowInsecureCallbacks = allowInsecureCallbacks
        self.faults = faults
        self.clock = clock
        self.initialCredits = initialCredits
        self.creditsPerImage = creditsPerImage
        self.resultLifetime = resultLifetime
        self.fileLifetime = fileLifetime
        self.maxFiles = maxFiles
        self.maxFileBytes = maxFileBytes
        self.maxPromptLength = maxPromptLength
        self.callbackTimeout = callbackTimeout
        self.callbackRetryDelays = callbackRetryDelays
        self.sweepInterval = sweepInterval
    }
}
