/// Status category keys (stable across locales).
public enum JiraSimulatorStatusCategory: String, Sendable, Hashable, CaseIterable {
    /// To Do (id 2).
    case new
    /// In Progress (id 4).
    case indeterminate
    /// Done (id 3).
    case done

    var id: Int {
        switch self {
        case .new: 2
        case .indeterminate: 4
        case .done: 3
        }
    }

    var name: JiraSimulatorName {
        switch self {
        case .new: JiraSimulatorName("To Do", chinese: "待办")
        case .indeterminate: JiraSimulatorName("In Progress", chinese: "处理中")
        case .done: JiraSimulatorName("Done", chinese: "完成")
        }
    }

    var colorName: String {
        switch self {
        case .new: "blue-gray"
        case .indeterminate: "yellow"
        case .done: "green"
        }
    }
}
