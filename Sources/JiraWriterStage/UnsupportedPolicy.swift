import SyncCore

/// A configured policy this writer cannot carry out; the event is dead-lettered with this reason.
struct UnsupportedPolicy: Error, Sendable {
    /// The dead-letter reason code.
    var code: String
    /// What to change.
    var message: String

    /// The dead-letter reason.
    var reason: DeadLetter.Reason { DeadLetter.Reason(code: code, message: message) }
}
