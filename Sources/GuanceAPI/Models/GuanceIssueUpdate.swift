/// What ``GuanceClient/updateIssue(_:resendingNameLevelAndDescription:changing:)`` did: the issue as
/// read just before the modify, and as the modify left it.
public struct GuanceIssueUpdate: Sendable, Hashable {
    /// The issue as read (by the last attempt) before the modify.
    public var read: GuanceIssue
    /// The issue as modified; `nil` when the change sent nothing.
    public var modified: GuanceIssue?

    /// Creates an update.
    public init(read: GuanceIssue, modified: GuanceIssue?) {
        self.read = read
        self.modified = modified
    }
}
