import Foundation
import ImageAPI
import ImagePrepTestSupport
import ImageSandbox
import Testing

/// `imageprep` as a subprocess against three sandboxes configured as providers: the dry run (text and
/// JSON), `--max-cost`, the journal in `tasks show`, charges in `tasks list --total`, `providers`, and the
/// keys in no output.
@Suite(.serialized) struct ProviderCLITests {
    @Test func dryRunPrintsThePlanAndSendsNothing() async throws {
        let world = try await ProviderRoutingTests.world()
        defer { Task { await world.shutdown() } }
        let photo = try Fixture.write(try SandboxClientTests.png(width: 32, height: 32), world.home + "/photo.png")
        let base = ["submit", "--dry-run", "--prompt", "a plan", "--image", photo, "--n", "2"]
        let text = try await CommandRunner.result(of: base, environment: world.environment)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "dry run: every check passed; nothing was uploaded or sent")
        #expect(lines.contains("upload:   \(photo)"))
        #expect(lines.contains("  1. a  2 credits  $0.0200  [healthy]"))
        #expect(lines.contains("  2. b  3 credits  $0.0400  [healthy]"))
        #expect(lines.contains("  3. c  4 credits  $0.0600  [healthy]"))

        let json = try await CommandRunner.result(of: base + ["--json"], environment: world.environment)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let plan = try #require(object["plan"] as? [[String: Any]])
        #expect(plan.compactMap { $0["provider"] as? String } == ["a", "b", "c"])
        #expect(plan.compactMap { $0["credits"] as? Double } == [2, 3, 4])
        #expect(plan.compactMap { $0["usd"] as? Double } == [0.02, 0.04, 0.06])
        #expect(object["n"] as? Int == 2 && object["inputs"] as? [String] == [photo])

        let capped = try await CommandRunner.result(of: base + ["--max-cost", "0.03"], environment: world.environment)
        #expect(capped.status == 0)
        #expect(capped.stdout.contains("  -  b  3 credits  $0.0400  skipped: reservation $0.0400 exceeds --max-cost $0.0300"))
        #expect(await world.counts() == ["a": 0, "b": 0, "c": 0])
        #expect(await world.uploads() == ["a": 0, "b": 0, "c": 0])
        for key in world.keys.values { #expect(!(text.stdout + text.stderr + json.stdout + json.stderr).contains(key)) }
    }

    @Test func maxCostRefusesARealSubmit() async throws {
        let world = try await ProviderRoutingTests.world()
        defer { Task { await world.shutdown() } }
        let result = try await CommandRunner.result(of: ["submit", "--prompt", "too dear", "--n", "4", "--max-cost", "0.01", "-o", world.home],
                                           environment: world.environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--max-cost $0.0100"))
        #expect(await world.counts() == ["a": 0, "b": 0, "c": 0])
    }

    @Test func journalChargesAndProvidersThroughTheCLI() async throws {
        let world = try await ProviderRoutingTests.world()
        defer { Task { await world.shutdown() } }
        try await world.sandboxes["a"]!.shutdown()
        let submit = try await CommandRunner.result(of: ["submit", "--prompt", "via the CLI", "-o", world.home + "/out", "--verbose"],
                                           environment: world.environment)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(await world.counts() == ["a": 0, "b": 1, "c": 0])

        let show = try await CommandRunner.result(of: ["tasks", "show", "1"], environment: world.environment)
        #expect(show.status == 0, "\(show.stderr)")
        let journal = show.stdout.split(separator: "\n").drop { $0 != "attempts:" }.dropFirst().map(String.init)
        #expect(journal.count == 2)
        #expect(journal.first?.contains("  a  failed-over  reserved 1 credits  $0.0100  — balance check: connect failed") == true)
        #expect(journal.last?.contains("  b  created  reserved 1.5 credits  $0.0200  charged 1.5 credits") == true)

        let showJSON = try await CommandRunner.result(of: ["tasks", "show", "1", "--json"], environment: world.environment)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(showJSON.stdout.utf8)) as? [String: Any])
        let attempts = try #require(record["attempts"] as? [[String: Any]])
        #expect(attempts.compactMap { $0["outcome"] as? String } == ["failed-over", "created"])
        #expect(attempts.last?["credits_charged"] as? Double == 1.5)

        let total = try await CommandRunner.result(of: ["tasks", "list", "--total"], environment: world.environment)
        #expect(total.stdout == "b: 1.5 credits charged\ntotal: 1.5 credits charged\n")

        let providers = try await CommandRunner.result(of: ["providers"], environment: world.environment)
        #expect(providers.status == 0, "\(providers.stderr)")
        let rows = providers.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows.first { $0.hasPrefix("a ") }?.contains("cooling") == true)
        #expect(rows.first { $0.hasPrefix("b ") }?.contains("1.5 credits $0.0200/image  healthy  balance 998.5 credits") == true)
        let providersJSON = try await CommandRunner.result(of: ["providers", "--json"], environment: world.environment)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(providersJSON.stdout.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String }.sorted() == ["a", "b", "c"])

        let outputs = [submit, show, showJSON, total, providers, providersJSON].map { $0.stdout + $0.stderr }.joined()
        #expect(outputs.contains("Bearer <redacted>"))
        let bytes = try SandboxCLITests.allBytes(under: world.home) + Data(outputs.utf8)
        for key in world.keys.values { #expect(bytes.range(of: Data(key.utf8)) == nil) }
    }
}
