import Foundation

/// One status change of an issue, as the issue's changelog records it.
struct TransitionRecord: Sendable, Hashable {
    /// The issue.
    var issueId: Int
    /// Who made it (index into the simulator's users).
    var authorIndex: Int
    /// The status id before.
    var from: String
    /// The status id after.
    var to: String
    /// When.
    var at: Date
}
