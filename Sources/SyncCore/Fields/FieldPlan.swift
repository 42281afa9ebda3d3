/// What the target side of a synced field should show for a change on the other side, as the
/// mapping (users, priorities) says.
public enum FieldPlan: Sendable, Hashable {
    /// The target already shows what the change means: nothing to write.
    case inStep
    /// Write these values to the target (Guance assignees or level; a Jira assignee id, or none to
    /// unassign, or a priority id).
    case write([String])
    /// The change names only values the mapping does not pair (these): the target is left as it is.
    case unmapped([String])

    /// Whether nothing is to be written.
    public var writesNothing: Bool {
        if case .write = self { return false }
        return true
    }
}
