/// Lookup tables derived from the options: projects, statuses, priorities, resolutions.
struct SiteCatalog: Sendable {
    let projects: [JiraSimulatorProject]
    let priorities: [JiraSimulatorNamedItem]
    let resolutions: [JiraSimulatorNamedItem]

    init(options: JiraSimulatorOptions) {
        projects = options.projects
        priorities = options.priorities
        resolutions = options.resolutions
    }

    func project(_ idOrKey: String) -> JiraSimulatorProject? {
        projects.first { $0.key.caseInsensitiveCompare(idOrKey) == .orderedSame || $0.id == idOrKey }
    }

    func status(_ id: String, in projectKey: String) -> JiraSimulatorWorkflow.Status? {
        project(projectKey)?.workflow.statuses.first { $0.id == id }
    }

    /// Every status of every project (statuses with the same id share names).
    var allStatuses: [JiraSimulatorWorkflow.Status] {
        projects.flatMap(\.workflow.statuses)
    }

    func priority(_ id: String?) -> JiraSimulatorNamedItem? {
        priorities.first { $0.id == id }
    }

    func resolution(_ id: String?) -> JiraSimulatorNamedItem? {
        resolutions.first { $0.id == id }
    }

    /// Finds an item referenced as `{"id"}` or `{"name"}` (either language).
    static func find(_ reference: SimJSON?, in items: [JiraSimulatorNamedItem]) -> JiraSimulatorNamedItem? {
        if let id = reference?["id"]?.stringValue ?? reference?["id"]?.intValue.map(String.init) {
            return items.first { $0.id == id }
        }
        if let name = reference?["name"]?.stringValue {
            return items.first { $0.name.english.caseInsensitiveCompare(name) == .orderedSame || $0.name.chinese == name }
        }
        return nil
    }
}

extension JiraSimulatorName {
    /// Whether `text` names this item in either language (case-insensitive for English).
    func matches(_ text: String) -> Bool {
        english.caseInsensitiveCompare(text) == .orderedSame || chinese == text
    }
}
