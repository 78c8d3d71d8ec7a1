import Foundation
import ImageAPI
import ImageRules

/// The `--dry-run` report of `submit` and `edit`: what would be sent, to which providers in which order,
/// and what it would reserve.
enum PlanOutput {
    struct JSON: Encodable {
        var dryRun = true
        var checks = "passed"
        var model: String
        var prompt: String
        var size: String?
        var n: Int
        var inputs: [String]
        var mask: String?
        var callbackURL: String?
        var plan: [PlanEntry]
        var skipped: [PlanEntry]

        enum CodingKeys: String, CodingKey {
            case dryRun = "dry_run", checks, model, prompt, size, n, inputs, mask, callbackURL = "callback_url", plan, skipped
        }
    }

    static func json(_ bundle: BundleManifest, _ plan: RoutingPlan) -> JSON {
        JSON(model: bundle.model, prompt: bundle.prompt ?? "", size: bundle.size?.description, n: plan.n,
             inputs: bundle.sentImages.map(\.description), mask: bundle.sentMask?.description,
             callbackURL: bundle.callbackURL, plan: plan.order, skipped: plan.skipped)
    }

    static func text(_ bundle: BundleManifest, _ plan: RoutingPlan) -> String {
        var lines = ["dry run: every check passed; nothing was uploaded or sent",
                     "model:    \(bundle.model)", "prompt:   \(bundle.prompt ?? "")", "n:        \(plan.n)"]
        if let size = bundle.size { lines.append("size:     \(size)") }
        for input in bundle.sentImages { lines.append("upload:   \(input)") }
        if let mask = bundle.sentMask { lines.append("mask:     \(mask)") }
        if let callback = bundle.callbackURL { lines.append("callback: \(callback)") }
        lines.append("providers, in the order they would be tried (reserved = n × price):")
        for (index, entry) in plan.order.enumerated() {
            lines.append("  \(index + 1). \(entry.provider)  \(credits(entry.credits)) credits  \(ProviderRouter.usd(entry.usd))  [\(entry.health)]")
        }
        if plan.order.isEmpty { lines.append("  (none)") }
        for entry in plan.skipped {
            lines.append("  -  \(entry.provider)  \(credits(entry.credits)) credits  \(ProviderRouter.usd(entry.usd))  skipped: \(entry.skip ?? entry.health)")
        }
        return lines.joined(separator: "\n")
    }

    static func credits(_ value: Double?) -> String { value.map { String(format: "%g", $0) } ?? "?" }
}
