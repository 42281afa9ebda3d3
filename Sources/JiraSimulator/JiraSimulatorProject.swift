/// A project with its issue types and workflow.
public struct JiraSimulatorProject: Sendable, Hashable {
    /// Numeric project id as a string.
    public var id: String
    /// Project key, e.g. `OPS`.
    public var key: String
    /// Display name.
    public var name: String
    /// Issue types offered by create metadata.
    public var issueTypes: [JiraSimulatorNamedItem]
    /// The workflow every issue of the project follows.
    public var workflow: JiraSimulatorWorkflow

    /// Creates a project.
    public init(
        id: String, key: String, name: String,
        issueTypes: [JiraSimulatorNamedItem] = JiraSimulatorNamedItem.defaultIssueTypes,
        workflow: JiraSimulatorWorkflow
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.issueTypes = issueTypes
        self.workflow = workflow
    }

    /// `OPS` (resolution on the Done screen, cleared on reopen) and `SUP` (other transition ids,
    /// resolution set by a post-function and kept on reopen).
    public static let defaultProjects: [JiraSimulatorProject] = [
        JiraSimulatorProject(id: "10000", key: "OPS", name: "Operations", workflow: .screenResolution),
        JiraSimulatorProject(id: "10001", key: "SUP", name: "Support", workflow: .postFunctionResolution),
    ]
}
