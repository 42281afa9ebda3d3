/// What ``JiraClient/transitionPlan(issue:toAnyOf:)`` found: the status now and the
/// transition that would move it (`nil` when it already is in a wanted category).
public struct JiraTransitionPlan: Sendable {
    /// The status id when the plan was made.
    public var currentStatusId: String?
    /// The transition to take, `nil` when none is needed.
    public var transition: JiraTransition?

    /// Creates a plan.
    public init(currentStatusId: String?, transition: JiraTransition?) {
        self.currentStatusId = currentStatusId
        self.transition = transition
    }
}
