public import Foundation

/// What ``JiraClient/transitionPlan(issue:toAnyOf:)`` found: the status now and the
/// transition that would move it (`nil` when it already is in a wanted category).
public struct JiraTransitionPlan: Sendable {
    /// The status id when the plan was made.
    public var currentStatusId: String?
    /// The issue's `statuscategorychangedate` when the plan was made (`nil` when Jira did not return
    /// it): an issue moved out of its status and back reads the same status id, but not this.
    public var currentStatusCategoryChangedAt: Date?
    /// The transition to take, `nil` when none is needed.
    public var transition: JiraTransition?

    /// Creates a plan.
    public init(currentStatusId: String?, currentStatusCategoryChangedAt: Date? = nil, transition: JiraTransition?) {
        self.currentStatusId = currentStatusId
        self.currentStatusCategoryChangedAt = currentStatusCategoryChangedAt
        self.transition = transition
    }
}
