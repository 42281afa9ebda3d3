import Crypto
import Foundation

/// A Guance OpenAPI key (sent as the `DF-API-KEY` header).
///
/// The key's text is only reachable through ``headerValue``; every textual representation
/// (`description`, `debugDescription`, string interpolation, `dump`) is redacted, so the key
/// cannot leak into logs or error messages by accident. A stable ``fingerprint`` (a SHA-256
/// digest prefix) identifies the key in logs and keys the process-wide rate-limiter registry.
public struct GuanceAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let secret: String

    /// A short, non-reversible identifier of the key (the first 16 hex digits of its SHA-256 digest).
    public let fingerprint: String

    /// Wraps a key string. Leading and trailing whitespace (a frequent copy-paste accident) is removed.
    public init(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        self.secret = trimmed
        let digest = SHA256.hash(data: Data(trimmed.utf8))
        self.fingerprint = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The value to put in the `DF-API-KEY` header. Never log it.
    public var headerValue: String { secret }

    /// Whether the key is empty (a configuration error worth reporting before any request).
    public var isEmpty: Bool { secret.isEmpty }

    /// A redacted description: `GuanceAPIKey(fingerprint: …)`.
    public var description: String { "GuanceAPIKey(fingerprint: \(fingerprint))" }

    /// Same as ``description``: redacted.
    public var debugDescription: String { description }

    /// A mirror that shows only the fingerprint, so `dump` and reflection stay redacted.
    public var customMirror: Mirror { Mirror(self, children: ["fingerprint": fingerprint]) }
}
