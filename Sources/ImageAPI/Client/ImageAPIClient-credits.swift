import Foundation

extension ImageAPIClient {
    /// The account balance as `GET /v1/credits` reports it.
    public struct Balance: Sendable, Equatable {
        /// Credits left to spend (`remaining_credits`).
        public var remaining: Double
        /// Credits held by running tasks (`reserved_credits`), when reported.
        public var reserved: Double?
    }

    /// `GET /v1/credits` (observed, not in the official docs; API-CONTRACT §1 and §10). Read-only, so it is
    /// retried like a task read.
    ///
    /// - Returns: the balance, or nil when the provider has no such endpoint (404) or the answer has no
    ///   `remaining_credits`.
    /// - Throws: `APIError` (other statuses), `TransportError`.
    public func credits() async throws -> Balance? {
        let response: TransportResponse
        do {
            response = try await perform(TransportRequest(method: "GET", url: configuration.baseURL + "/v1/credits",
                                                          timeout: configuration.requestTimeout),
                                         resendAfterDelivery: true)
        } catch let error as APIError where error.status == 404 {
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return nil }
        let fields = object["data"] as? [String: Any] ?? object
        guard let remaining = (fields["remaining_credits"] as? NSNumber)?.doubleValue else { return nil }
        return Balance(remaining: remaining, reserved: (fields["reserved_credits"] as? NSNumber)?.doubleValue)
    }
}
