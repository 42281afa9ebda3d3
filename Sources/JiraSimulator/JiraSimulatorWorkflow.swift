/// Statuses and transitions of one project.
public struct JiraSimulatorWorkflow: Sendable, Hashable {
    /// A workflow status.
    public struct Status: Sendable, Hashable {
        /// Status id.
        public var id: String
        /// Localized name.
        public var name: JiraSimulatorName
        /// Category.
        public var category: JiraSimulatorStatusCategory

        /// Creates a status.
        public init(id: String, name: JiraSimulatorName, category: JiraSimulatorStatusCategory) {
            self.id = id
            self.name = name
            self.category = category
        }
    }

    /// How a transition treats the resolution field.
    public enum ResolutionRule: Sendable, Hashable {
        /// Leaves the resolution alone; setting it is refused (not on the screen).
        case untouched
        /// The screen has a required resolution field.
        case requiredOnScreen
        /// A post-function sets this resolution id; the field is not on the screen.
        case setByPostFunction(String)
        /// A post-function clears the resolution.
        case cleared
    }

    /// A transition.
    public struct Transition: Sendable, Hashable {
        /// Transition id (differs between workflows).
        public var id: String
        /// Transition name.
        public var name: String
        /// Statuses it is available from; empty means global (from any other status).
        public var from: [String]
        /// Target status id.
        public var to: String
        /// Resolution handling.
        public var resolution: ResolutionRule

        /// Creates a transition.
        public init(id: String, name: String, from: [String], to: String, resolution: ResolutionRule = .untouched) {
            self.id = id
            self.name = name
            self.from = from
            self.to = to
            self.resolution = resolution
        }
    }

    /// Statuses; the first is the initial status.
    public var statuses: [Status]
    /// Transitions.
    public var transitions: [Transition]

    /// Creates a workflow.
    public init(statuses: [Status], transitions: [Transition]) {
        self.statuses = statuses
        self.transitions = transitions
    }

    static let standardStatuses: [Status] = [
        Status(id: "10000", name: .init("To Do", chinese: "待办"), category: .new),
        Status(id: "3", name: .init("In Progress", chinese: "处理中"), category: .indeterminate),
        Status(id: "10001", name: .init("Done", chinese: "完成"), category: .done),
    ]

    /// To Do → In Progress → Done with a required resolution on the Done screen; Reopen clears it.
    public static let screenResolution = JiraSimulatorWorkflow(
        statuses: standardStatuses,
        transitions: [
            Transition(id: "11", name: "Start Progress", from: ["10000"], to: "3"),
            Transition(id: "21", name: "Stop Progress", from: ["3"], to: "10000"),
            Transition(id: "31", name: "Done", from: ["10000", "3"], to: "10001", resolution: .requiredOnScreen),
            Transition(id: "41", name: "Reopen", from: ["10001"], to: "10000", resolution: .cleared),
        ])

    /// Jira's classic workflow: Open → In Progress → Resolved → Closed, Reopened. Two statuses in the
    /// `done` category (Resolved, Closed), so "close" after "resolve" moves the status without moving
    /// its category (and without moving `statuscategorychangedate`). Resolving or closing an open issue
    /// asks for a resolution on the screen; closing a resolved one keeps it; reopening clears it.
    public static let classic = JiraSimulatorWorkflow(
        statuses: [
            Status(id: "1", name: .init("Open", chinese: "打开"), category: .new),
            Status(id: "3", name: .init("In Progress", chinese: "处理中"), category: .indeterminate),
            Status(id: "5", name: .init("Resolved", chinese: "已解决"), category: .done),
            Status(id: "6", name: .init("Closed", chinese: "已关闭"), category: .done),
            Status(id: "4", name: .init("Reopened", chinese: "重新打开"), category: .new),
        ],
        transitions: [
            Transition(id: "4", name: "Start Progress", from: ["1", "4"], to: "3"),
            Transition(id: "301", name: "Stop Progress", from: ["3"], to: "1"),
            Transition(id: "5", name: "Resolve Issue", from: ["1", "3", "4"], to: "5", resolution: .requiredOnScreen),
            Transition(id: "2", name: "Close Issue", from: ["1", "3", "4"], to: "6", resolution: .requiredOnScreen),
            Transition(id: "701", name: "Close Issue", from: ["5"], to: "6"),
            Transition(id: "3", name: "Reopen Issue", from: ["5", "6"], to: "4", resolution: .cleared),
        ])

    /// Different ids; Done sets resolution 10000 by post-function; Reopen keeps the resolution.
    public static let postFunctionResolution = JiraSimulatorWorkflow(
        statuses: standardStatuses,
        transitions: [
            Transition(id: "101", name: "In Progress", from: [], to: "3"),
            Transition(id: "111", name: "Resolve", from: [], to: "10001", resolution: .setByPostFunction("10000")),
            Transition(id: "121", name: "To Do", from: [], to: "10000"),
        ])
}
