public import ImageRules

/// The bundle rules (`BundleRules`, module ImagePrep) as the check before anything is sent: every local file is sniffed
/// and header-read, the mask decoded, and the prompt, n, size, image count and callback URL checked
/// against the model's profile. Errors stop the submission; warnings only with `strict`.
public struct BundleRulesChecker: SubmissionChecker {
    public var profiles: ProfileSet
    public var options: BundleRules.Options
    /// Treat warnings as errors. Default false.
    public var strict: Bool
    /// Accept http and loopback callback URLs (a local sandbox's receiver). Default false.
    public var allowInsecureCallbacks: Bool

    public init(profiles: ProfileSet = .builtIn, options: BundleRules.Options = .init(), strict: Bool = false,
                allowInsecureCallbacks: Bool = false) {
        self.profiles = profiles
        self.options = options
        self.strict = strict
        self.allowInsecureCallbacks = allowInsecureCallbacks
    }

    public func issues(for bundle: BundleManifest) -> [RuleIssue] {
        ruleIssues(for: bundle).filter { strict || $0.severity == .error }
    }

    /// Every rule issue, warnings included.
    public func ruleIssues(for bundle: BundleManifest) -> [RuleIssue] {
        guard allowInsecureCallbacks, var profile = profiles.profile(for: bundle.model) else {
            return BundleRules.check(bundle, profiles: profiles, options: options)
        }
        profile.callback.httpsOnly = false
        profile.callback.forbidInternalHosts = false
        return BundleRules(profile, options: options).check(bundle)
    }
}
