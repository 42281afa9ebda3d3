public import GuanceAPI

/// Whether guance-writer changes a Guance issue's `statusType`, and why (logged as is).
public struct StatusDecision: Sendable, Hashable {
    /// What to do.
    public enum Action: Sendable, Hashable {
        /// Modify the issue to this `statusType`.
        case write(GuanceStatusType)
        /// Leave the issue as it is.
        case noWrite
    }

    /// What to do.
    public var action: Action
    /// Why, for people (no secrets: only keys, states and times).
    public var reason: String

    /// Creates a decision.
    public init(action: Action, reason: String) {
        self.action = action
        self.reason = reason
    }

    /// The `statusType` to write, or `nil` for no write.
    public var statusTypeToWrite: GuanceStatusType? {
        if case .write(let statusType) = action { return statusType }
        return nil
    }
}
