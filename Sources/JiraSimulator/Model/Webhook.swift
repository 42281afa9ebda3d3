import Foundation

/// A registered admin webhook.
struct WebhookRegistration: Sendable, Hashable {
    var id: Int
    var url: String
    /// HMAC secret; when set, deliveries carry `X-Hub-Signature: sha256=<hex>`.
    var secret: String?
    /// Event names to deliver; empty = all.
    var events: [String]
}

/// One delivery waiting to be sent.
struct WebhookDelivery: Sendable, Hashable {
    var url: String
    var secret: String?
    var identifier: String
    var event: String
    var body: Data
}
