public import ImageRules

/// The seam through which the bundle rules check a submission before anything is sent.
///
/// `TaskRunner` runs it before uploading or sending anything (default `BundleRulesChecker`);
/// any issue stops the submission with `ClientError` `.rulesFailed`.
public protocol SubmissionChecker: Sendable {
    /// Every problem that stops the submission; empty when it may be sent.
    func issues(for bundle: BundleManifest) -> [RuleIssue]
}

/// A checker that finds nothing (for callers that checked the bundle themselves).
public struct NoSubmissionChecks: SubmissionChecker {
    public init() {}
    public func issues(for bundle: BundleManifest) -> [RuleIssue] { [] }
}
