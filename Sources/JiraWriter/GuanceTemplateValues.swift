import SyncCore

/// The values of ``SyncConfiguration/Templates/placeholders`` for one Guance issue.
enum GuanceTemplateValues {
    /// Guance `statusType` → the name shown in the Guance console.
    static let statusNames: [Int: String] = [10: "Open", 15: "Working", 20: "Resolved", 25: "Closed", 30: "Pending"]

    /// Every placeholder's value (absent facts render as empty strings).
    static func values(for snapshot: GuanceIssueSnapshot, consoleURL: String) -> [String: String] {
        [
            "name": snapshot.name,
            "issueUUID": snapshot.issueUUID,
            "level": snapshot.level?.id ?? "",
            "levelName": snapshot.level?.name ?? snapshot.level?.id ?? "",
            "status": statusNames[snapshot.statusType] ?? String(snapshot.statusType),
            "resource": snapshot.resource ?? "",
            "resourceType": snapshot.resourceType ?? "",
            "url": issueURL(snapshot, consoleURL: consoleURL),
            "creator": snapshot.creator.map { $0.name ?? $0.email ?? $0.id } ?? "",
            "channel": snapshot.channelUUIDs.first ?? "",
        ]
    }

    /// The console link of the issue (the poller's `guance` link), else the console itself: the
    /// console's per-issue URL format is not documented, so none is invented here.
    static func issueURL(_ snapshot: GuanceIssueSnapshot, consoleURL: String) -> String {
        snapshot.links.first { $0.name == "guance" }?.url ?? consoleURL
    }
}
