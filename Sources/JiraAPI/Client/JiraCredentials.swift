import Foundation

/// Credentials for Jira; their descriptions are redacted so they never reach logs or error texts.
public enum JiraCredentials: Sendable, Hashable {
    /// Jira Cloud basic auth: account e-mail plus API token.
    case basic(email: String, apiToken: String)
    /// Data Center Personal Access Token (or a Cloud OAuth access token), sent as `Bearer`.
    case bearer(token: String)

    /// The `Authorization` header value.
    var authorizationHeaderValue: String {
        switch self {
        case .basic(let email, let apiToken):
            "Basic " + Data("\(email):\(apiToken)".utf8).base64EncodedString()
        case .bearer(let token):
            "Bearer " + token
        }
    }
}

extension JiraCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// A redacted description: the scheme and, for basic auth, the e-mail; never the secret.
    public var description: String {
        switch self {
        case .basic(let email, _): "JiraCredentials.basic(email: \(email), apiToken: <redacted>)"
        case .bearer: "JiraCredentials.bearer(token: <redacted>)"
        }
    }

    /// Same as ``description``: redacted.
    public var debugDescription: String { description }
}

extension JiraCredentials: CustomReflectable {
    /// A mirror without the secret, so `dump` and reflection-based loggers cannot reveal it.
    public var customMirror: Mirror {
        switch self {
        case .basic(let email, _): Mirror(self, children: ["email": email, "apiToken": "<redacted>"])
        case .bearer: Mirror(self, children: ["token": "<redacted>"])
        }
    }
}
