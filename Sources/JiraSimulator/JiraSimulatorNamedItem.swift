/// An id + localized name (priority, resolution, issue type).
public struct JiraSimulatorNamedItem: Sendable, Hashable {
    /// Stable id.
    public var id: String
    /// Localized name.
    public var name: JiraSimulatorName

    /// Creates an item.
    public init(id: String, name: JiraSimulatorName) {
        self.id = id
        self.name = name
    }

    /// Highest/High/Medium/Low with ids 1–4.
    public static let defaultPriorities: [JiraSimulatorNamedItem] = [
        .init(id: "1", name: .init("Highest", chinese: "最高")),
        .init(id: "2", name: .init("High", chinese: "高")),
        .init(id: "3", name: .init("Medium", chinese: "中")),
        .init(id: "4", name: .init("Low", chinese: "低")),
    ]

    /// Done/Won't Do/Duplicate.
    public static let defaultResolutions: [JiraSimulatorNamedItem] = [
        .init(id: "10000", name: .init("Done", chinese: "完成")),
        .init(id: "10001", name: .init("Won't Do", chinese: "不做")),
        .init(id: "10002", name: .init("Duplicate", chinese: "重复")),
    ]

    /// Bug (10004) and Task (10001).
    public static let defaultIssueTypes: [JiraSimulatorNamedItem] = [
        .init(id: "10004", name: .init("Bug", chinese: "缺陷")),
        .init(id: "10001", name: .init("Task", chinese: "任务")),
    ]
}
