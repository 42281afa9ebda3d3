import SyncCore
import Testing

/// Assignee and priority mapping (issue 15's rules): several Guance assignees, unmapped people,
/// `add` vs `replace`, and priority → level read backwards with ties.
@Suite("Assignee and priority mapping")
struct FieldMappingTests {
    /// acnt_li ↔ li (DC name, key JIRAUSER1), acnt_wang ↔ wang; acnt_zhao is unmapped.
    static func jiraUser(_ guance: String) -> (id: String, aliases: Set<String>)? {
        switch guance {
        case "acnt_li": ("li", ["li", "JIRAUSER1"])
        case "acnt_wang": ("wang", ["wang"])
        default: nil
        }
    }

    @Test("Guance → Jira: the first mapped assignee; in step when Jira has any mapped one; unmapped leaves Jira")
    func guanceToJira() {
        #expect(AssigneeMapping.jiraPlan(managers: ["acnt_zhao", "acnt_wang", "acnt_li"], jiraAssignee: [], jiraUser: Self.jiraUser)
            == .write(["wang"]))
        #expect(AssigneeMapping.jiraPlan(managers: ["acnt_wang", "acnt_li"], jiraAssignee: ["JIRAUSER1"], jiraUser: Self.jiraUser)
            == .inStep)
        #expect(AssigneeMapping.jiraPlan(managers: ["acnt_zhao"], jiraAssignee: ["li"], jiraUser: Self.jiraUser)
            == .unmapped(["acnt_zhao"]))
        #expect(AssigneeMapping.jiraPlan(managers: [], jiraAssignee: ["li"], jiraUser: Self.jiraUser) == .write([]))
        #expect(AssigneeMapping.jiraPlan(managers: [], jiraAssignee: [], jiraUser: Self.jiraUser) == .inStep)
    }

    @Test("Jira → Guance: add keeps the others, replace leaves only the mapped account; unassigning per policy")
    func jiraToGuance() {
        let managers = ["acnt_zhao"]
        #expect(AssigneeMapping.guancePlan(jiraAssignee: "li", guanceAccount: "acnt_li", managers: managers, policy: .add)
            == .write(["acnt_zhao", "acnt_li"]))
        #expect(AssigneeMapping.guancePlan(jiraAssignee: "li", guanceAccount: "acnt_li", managers: managers, policy: .replace)
            == .write(["acnt_li"]))
        #expect(AssigneeMapping.guancePlan(jiraAssignee: "li", guanceAccount: "ACNT_LI", managers: ["acnt_li"], policy: .replace)
            == .inStep)
        #expect(AssigneeMapping.guancePlan(jiraAssignee: "li", guanceAccount: "acnt_li", managers: ["acnt_li", "acnt_zhao"], policy: .add)
            == .inStep)
        #expect(AssigneeMapping.guancePlan(jiraAssignee: "nobody", guanceAccount: nil, managers: managers, policy: .replace)
            == .unmapped(["nobody"]))
        #expect(AssigneeMapping.guancePlan(jiraAssignee: nil, guanceAccount: nil, managers: managers, policy: .add) == .inStep)
        #expect(AssigneeMapping.guancePlan(jiraAssignee: nil, guanceAccount: nil, managers: managers, policy: .replace) == .write([]))
    }

    @Test("level → priority by the map; priority → level backwards, ties to system levels first, then by id")
    func priorities() {
        let mapping = PriorityMapping(priorities: [
            "system_level_0": "1", "system_level_1": "2", "system_level_2": "3", "system_level_3": "3", "issl_custom": "3",
        ])
        #expect(mapping.jiraPlan(level: "system_level_1", jiraPriority: "3") == .write(["2"]))
        #expect(mapping.jiraPlan(level: "system_level_1", jiraPriority: "2") == .inStep)
        #expect(mapping.jiraPlan(level: "issl_unknown", jiraPriority: "2") == .unmapped(["issl_unknown"]))
        #expect(mapping.levels(for: "3") == ["system_level_2", "system_level_3", "issl_custom"])
        #expect(mapping.guancePlan(priority: "3", level: "system_level_0") == .write(["system_level_2"]))
        #expect(mapping.guancePlan(priority: "3", level: "issl_custom") == .inStep)
        #expect(mapping.guancePlan(priority: "5", level: "system_level_0") == .unmapped(["5"]))
        #expect(mapping.ambiguousPriorities.map(\.priority) == ["3"])
    }
}
