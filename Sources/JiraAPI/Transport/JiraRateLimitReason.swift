import Foundation

/// Why Jira throttled a request, from the `RateLimit-Reason` header.
public enum JiraRateLimitReason: Sendable, Hashable {
    /// `jira-burst-based`: the tenant × endpoint × method token bucket is empty.
    case burst
    /// `jira-per-issue-on-write`: too many writes to one issue (20 per 2 s, 100 per 30 s).
    case perIssueWrite
    /// `jira-quota-tenant-based`, `jira-quota-global-based` or the older `jira-quota-based`: an hourly
    /// points quota, blocked until the reset.
    case quota
    /// `jira-cost-based` (older): treated like a burst limit.
    case cost
    /// Any other value, kept verbatim; treated like a burst limit.
    case other(String)

    /// Classifies a header value.
    public init(headerValue: String) {
        switch headerValue.trimmingCharacters(in: .whitespaces).lowercased() {
        case "jira-burst-based": self = .burst
        case "jira-per-issue-on-write": self = .perIssueWrite
        case "jira-quota-tenant-based", "jira-quota-global-based", "jira-quota-based": self = .quota
        case "jira-cost-based": self = .cost
        default: self = .other(headerValue)
        }
    }
}
