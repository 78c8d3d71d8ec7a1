import Foundation
import ImageCodecs

/// The documented constraints of a gpt-4o-image request, checked before anything is uploaded or sent:
/// a non-empty prompt of at most 1000 characters (the stricter of the two documented limits), `n` in
/// {1, 2, 4}, a documented `size`, at most 5 reference images, a mask only with exactly one reference,
/// local references that exist, are JPEG/PNG/WebP and ≤ 10 MB, a local mask that is PNG and ≤ 4 MB.
/// All issues are reported, not just the first.
public struct RequestRules: SubmissionChecker {
    public static let maxPromptLength = 1000
    public static let allowedN: Set<Int> = [1, 2, 4]
    public static let allowedSizes: Set<String> = ["1:1", "2:3", "3:2", "1024x1024", "1024x1536", "1536x1024"]
    public static let maxReferences = 5
    public static let maxReferenceBytes = 10 * 1024 * 1024
    public static let maxMaskBytes = 4 * 1024 * 1024

    public init() {}

    public func issues(for submission: Submission) -> [String] {
        var issues: [String] = []
        let prompt = submission.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        if prompt.isEmpty { issues.append("expected a non-empty prompt") }
        if submission.prompt.count > Self.maxPromptLength {
            issues.append("expected at most \(Self.maxPromptLength) characters for prompt, got \(submission.prompt.count)")
        }
        if let n = submission.n, !Self.allowedN.contains(n) {
            issues.append("expected 1, 2 or 4 for n, got \(n)")
        }
        if let size = submission.size, !Self.allowedSizes.contains(size) {
            issues.append("expected one of \(Self.allowedSizes.sorted().joined(separator: ", ")) for size, got \(size)")
        }
        if submission.images.count > Self.maxReferences {
            issues.append("expected at most \(Self.maxReferences) reference images, got \(submission.images.count)")
        }
        if submission.mask != nil && submission.images.count != 1 {
            issues.append("expected exactly 1 reference image with a mask, got \(submission.images.count)")
        }
        for case .file(let path) in submission.images {
            issues += Self.fileIssues(path, role: "reference image", maxBytes: Self.maxReferenceBytes, formats: [.jpeg, .png, .webp])
        }
        if case .file(let path)? = submission.mask {
            issues += Self.fileIssues(path, role: "mask", maxBytes: Self.maxMaskBytes, formats: [.png])
        }
        return issues
    }

    private static func fileIssues(_ path: String, role: String, maxBytes: Int, formats: Set<ImageFormat>) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: maxBytes)
        } catch let error as LimitError {
            return ["expected at most \(maxBytes) bytes for \(role) \(path): \(error.message)"]
        } catch {
            return ["cannot read \(role) \(path): \(error)"]
        }
        guard let format = FormatSniffer.format(of: bytes), formats.contains(format) else {
            let names = formats.map { $0.rawValue.uppercased() }.sorted().joined(separator: " or ")
            return ["expected \(names) for \(role) \(path), got \(FormatSniffer.unsupportedFormatName(of: bytes) ?? "another format")"]
        }
        return []
    }
}
