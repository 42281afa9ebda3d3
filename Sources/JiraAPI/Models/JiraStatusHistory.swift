public import Foundation
import RichText

/// The status changes an issue's embedded changelog shows (`expand=changelog`).
public struct JiraStatusHistory: Sendable, Hashable {
    /// The changes, oldest first.
    public var changes: [Change]
    /// Whether the changelog was whole: Jira embeds only some histories (Cloud: 20 or 100); a
    /// `startAt` above 0, or a `total` above the histories returned, means some were left out.
    public var isComplete: Bool

    /// One status change (a changelog item with `field` `status`).
    public struct Change: Sendable, Hashable {
        /// When the change was made (the history's `created`).
        public var at: Date?
        /// The status id before.
        public var from: String?
        /// The status id after.
        public var to: String?

        /// Creates a change.
        public init(at: Date?, from: String?, to: String?) {
            self.at = at
            self.from = from
            self.to = to
        }
    }

    /// Creates a history.
    public init(changes: [Change], isComplete: Bool) {
        self.changes = changes
        self.isComplete = isComplete
    }

    /// The status changes of an embedded `changelog` object; `nil` when it has no `histories`.
    init?(changelog: JSONValue) {
        guard case .object(let object) = changelog, case .array(let histories)? = object["histories"] else { return nil }
        var changes: [Change] = []
        for case .object(let history) in histories {
            let at = history["created"]?.stringValue.flatMap(JiraTimestamp.parse)
            guard case .array(let items)? = history["items"] else { continue }
            for case .object(let item) in items
            where item["field"]?.stringValue == "status" || item["fieldId"]?.stringValue == "status" {
                changes.append(Change(at: at, from: item["from"]?.stringValue, to: item["to"]?.stringValue))
            }
        }
        self.changes = changes.sorted { ($0.at ?? .distantPast) < ($1.at ?? .distantPast) }
        // Cut at either end: a later start, or fewer histories than the total.
        let total = object["total"]?.intValue.map(Int.init) ?? histories.count
        isComplete = (object["startAt"]?.intValue ?? 0) == 0 && total <= histories.count
    }
}
