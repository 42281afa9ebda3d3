import Foundation
import SyncCore
import RichText

/// What jira-writer remembers about one Jira issue, kept in the issue's sync property next to the
/// marker fields (`issueUuid`, `origin`, …) so that it lives and dies with the issue and costs no
/// extra read: the property comes with the GET issue every snapshot needs anyway.
///
/// - `snapshotAt`: the Guance `updateAt` of the last snapshot that changed Jira (older snapshots, e.g.
///   from a replay, are skipped, so a replay never reverts an edit or a transition).
/// - `guanceUrl`: the Guance issue link, for comment attributions.
/// - `backlinked`: the Jira link was posted back onto the Guance issue; `backlinkedAt`: the Guance
///   version that showed it (a newer snapshot without it means it was removed, and it is posted again).
struct IssueSyncState: Sendable, Hashable {
    /// The property object as read (or as rendered for a create).
    private(set) var object: [String: JSONValue]

    /// Reads the state from a property value (`nil` or a non-object gives an empty state).
    init(property: JSONValue?) {
        object = property?.objectValue ?? [:]
    }

    /// The property value to write.
    var value: JSONValue { .object(object) }

    /// When the last snapshot that changed Jira changed in Guance.
    var snapshotAt: Date? {
        get { date("snapshotAt") }
        set { setDate("snapshotAt", newValue) }
    }

    /// The Guance issue link.
    var guanceURL: String? {
        get { object["guanceUrl"]?.stringValue }
        set { object["guanceUrl"] = newValue.map(JSONValue.string) }
    }

    /// Whether the Jira link was posted back onto the Guance issue.
    var backlinked: Bool {
        get { object["backlinked"] == .bool(true) }
        set { object["backlinked"] = newValue ? .bool(true) : nil }
    }

    /// The Guance issue's `updateAt` once the `linkList` back-link was there (the version the post
    /// produced, or the one it was found at): a later snapshot without it shows it was removed.
    var backlinkedAt: Date? {
        get { date("backlinkedAt") }
        set { setDate("backlinkedAt", newValue) }
    }

    /// Merges the marker fields of `marker` (a freshly rendered property value) into the state.
    mutating func adoptMarker(_ marker: JSONValue) {
        for (key, value) in marker.objectValue ?? [:] where key != "eventId" || object[key] == nil {
            object[key] = value
        }
    }

    private func date(_ key: String) -> Date? {
        object[key]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    private mutating func setDate(_ key: String, _ date: Date?) {
        object[key] = date.map { .int($0.epochMilliseconds) }
    }
}
