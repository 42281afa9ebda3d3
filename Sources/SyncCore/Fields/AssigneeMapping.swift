/// Guance assignees (`extend.manager`: accounts, teams, e-mails) ↔ the Jira assignee (one user or
/// none), given who is who (``UserMapping``, resolved by the writers).
///
/// - Guance → Jira: several assignees become the first mapped one; Jira is already in step when its
///   assignee is any of the mapped ones. No assignee left in Guance unassigns Jira. Assignees none of
///   whom is mapped leave Jira as it is.
/// - Jira → Guance, by ``JiraAssigneePolicy``: `add` adds the mapped account (unassigning in Jira
///   changes nothing); `replace` makes it the only assignee (unassigning clears them). An unmapped
///   Jira user leaves Guance as it is.
public enum AssigneeMapping {
    /// The Jira side for Guance `managers`.
    /// - Parameters:
    ///   - jiraAssignee: the Jira assignee's ids as read now (stable id, and on Data Center its name),
    ///     empty when unassigned.
    ///   - jiraUser: the Jira user id paired with a Guance assignee (the id written to Jira), if any,
    ///     with every id that user is known by.
    public static func jiraPlan(
        managers: [String], jiraAssignee: Set<String>, jiraUser: (String) -> (id: String, aliases: Set<String>)?
    ) -> FieldPlan {
        guard !managers.isEmpty else { return jiraAssignee.isEmpty ? .inStep : .write([]) }
        let mapped = managers.compactMap(jiraUser)
        guard let first = mapped.first else { return .unmapped(managers) }
        if mapped.contains(where: { !$0.aliases.isDisjoint(with: jiraAssignee) }) { return .inStep }
        return .write([first.id])
    }

    /// The Guance side for a Jira assignee.
    /// - Parameters:
    ///   - jiraAssignee: the new Jira assignee's stable id, `nil` when unassigned.
    ///   - guanceAccount: the Guance account paired with it, `nil` when unmapped.
    ///   - managers: the Guance assignees as read now.
    public static func guancePlan(
        jiraAssignee: String?, guanceAccount: String?, managers: [String], policy: JiraAssigneePolicy
    ) -> FieldPlan {
        guard let jiraAssignee else {
            return policy == .add || managers.isEmpty ? .inStep : .write([])
        }
        guard let account = guanceAccount else { return .unmapped([jiraAssignee]) }
        let present = managers.contains { $0.lowercased() == account.lowercased() }
        switch policy {
        case .add:
            return present ? .inStep : .write(managers + [account])
        case .replace:
            return present && managers.count == 1 ? .inStep : .write([account])
        }
    }
}
