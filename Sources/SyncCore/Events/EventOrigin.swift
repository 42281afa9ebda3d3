/// The system in which a change happened.
public enum EventOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// Guance Cloud exception tracking.
    case guance
    /// Jira (Cloud or Data Center).
    case jira
}
