import ArgumentParser
import Foundation
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep providers`: the configured providers with health, price and balance.
    struct Providers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "providers",
            abstract: "List the configured providers: health, price of a model, and balance where the provider reports one.",
            discussion: """
                Providers come from the config file's "providers" list (docs/CLIENT.md); without one, the single \
                provider of today's configuration is listed as "default". Keys are never printed: only the name of \
                the variable that holds each one and whether it is set. The balance is asked with GET /v1/credits, \
                once, without retries.
                """)

        @Option(help: "The model whose price is shown and whose serving providers are listed.")
        var model = "gpt-4o-image"

        @Flag(help: "Print the providers as a JSON array.")
        var json = false

        @OptionGroup var api: APIOptionGroup

        struct Row: Encodable {
            var name: String
            var baseURL: String?
            var keyEnv: String?
            var keySet: Bool
            var serves: Bool
            var creditsPerImage: Double?
            var usdPerImage: Double?
            var health: String
            var balance: Double?
            var balanceError: String?

            enum CodingKeys: String, CodingKey {
                case name, baseURL = "base_url", keyEnv = "api_key_env", keySet = "key_set", serves
                case creditsPerImage = "credits_per_image", usdPerImage = "usd_per_image", health, balance
                case balanceError = "balance_error"
            }
        }

        func run() async throws {
            do {
                let set = try api.providerSet()
                var router = try api.router(set)
                router.retryPolicy = .none
                var rows: [Row] = []
                for provider in set.providers { rows.append(await row(provider, router: router)) }
                if json { return try JSONOutput.print(rows) }
                for r in rows {
                    let price = r.creditsPerImage.map { "\(String(format: "%g", $0)) credits \(ProviderRouter.usd(r.usdPerImage))/image" }
                        ?? (r.serves ? "price unknown" : "does not serve \(model)")
                    let balance = r.balance.map { "balance \(String(format: "%g", $0)) credits" } ?? "balance \(r.balanceError ?? "not reported")"
                    print("\(r.name)  \(r.baseURL ?? "-")  \(price)  \(r.health)  \(balance)  key \(r.keyEnv.map { "$" + $0 } ?? "(config)")\(r.keySet ? "" : " NOT SET")")
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }

        private func row(_ provider: Provider, router: ProviderRouter) async -> Row {
            let price = provider.price(of: model)
            let health = (try? router.history.health(of: provider.name))?.summary(now: router.now(), digest: provider.configDigest) ?? "unknown"
            var row = Row(name: provider.name, baseURL: provider.configuration?.baseURL, keyEnv: provider.apiKeyEnv,
                          keySet: provider.configuration != nil, serves: price != nil || provider.apiKeyEnv == nil,
                          creditsPerImage: price?.creditsPerImage, usdPerImage: price?.usdPerImage, health: provider.problem ?? health)
            guard let client = try? router.client(for: provider) else { return row }
            do {
                row.balance = try await client.credits()?.remaining
                if row.balance == nil { row.balanceError = "not reported" }
            } catch {
                row.balanceError = client.configuration.apiKey.redact("unavailable (\(error))")
            }
            return row
        }
    }
}
