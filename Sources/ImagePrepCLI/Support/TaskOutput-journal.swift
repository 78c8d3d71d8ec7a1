import Foundation
import ImageAPI

extension TaskOutput {
    /// One journal line as JSON.
    struct AttemptJSON: Encodable {
        var provider: String
        var at: String
        var outcome: String
        var reason: String?
        var creditsReserved: Double?
        var creditsCharged: Double?
        var usdReserved: Double?

        enum CodingKeys: String, CodingKey {
            case provider, at, outcome, reason, creditsReserved = "credits_reserved", creditsCharged = "credits_charged"
            case usdReserved = "usd_reserved"
        }

        init(_ a: TaskAttempt) {
            provider = a.provider
            at = TaskOutput.timestamp(a.at)
            outcome = a.outcome
            reason = a.reason
            creditsReserved = a.creditsReserved
            creditsCharged = a.creditsCharged
            usdReserved = a.usdReserved
        }
    }

    /// The journal block of `tasks show`: one line per provider attempt.
    static func journal(_ attempts: [TaskAttempt]) -> String {
        var lines = ["attempts:"]
        for a in attempts {
            var parts = ["  \(timestamp(a.at))", a.provider, a.outcome]
            if let reserved = a.creditsReserved { parts.append("reserved \(String(format: "%g", reserved)) credits") }
            if let usd = a.usdReserved { parts.append(ProviderRouter.usd(usd)) }
            if let charged = a.creditsCharged { parts.append("charged \(String(format: "%g", charged)) credits") }
            if let reason = a.reason { parts.append("— \(reason)") }
            lines.append(parts.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}

extension TaskOutput {
    /// `tasks list --total`: the recorded final charges per provider and their sum.
    static func printCharges(_ totals: [String: Double], json: Bool) throws {
        struct Charges: Encodable {
            var chargedCredits: [String: Double]
            var totalCredits: Double
            enum CodingKeys: String, CodingKey { case chargedCredits = "charged_credits", totalCredits = "total_credits" }
        }
        let sum = totals.values.reduce(0, +)
        if json { return try JSONOutput.print(Charges(chargedCredits: totals, totalCredits: sum)) }
        for name in totals.keys.sorted() { print("\(name): \(String(format: "%g", totals[name]!)) credits charged") }
        print("total: \(String(format: "%g", sum)) credits charged")
    }
}
