import Foundation
import JiraAPI

/// The JQL of one jira-poller cycle.
///
/// Jira cannot wildcard labels (`labels = "guance-*"` is not valid JQL), so an issue counts as
/// linked when it carries the configured label (`jira.labels`, e.g. `guance`) **or** its key is in
/// the link table: one statement for the label, and the keys in chunks of ``keyChunkSize`` (one
/// statement per chunk, keeping each JQL short). The label is in its own statement, not ORed into
/// every chunk: ORed, each chunk's statement returned every labelled issue updated in the window,
/// so a burst of updates was paged once per chunk (issue 12 measured ~350 searches/min at 1,500
/// linked issues while nothing changed). A labelled, linked issue is found by two statements; the
/// caller de-duplicates them with ``JiraPollDeduplicator``.
///
/// The time condition is `updated >= <cursor − overlap>`: in the sync account's profile time zone
/// at minute precision (floored, never later than the wanted instant; see `JQLDateLiteral`), or as
/// epoch milliseconds when the zone is unknown. Results are ordered `updated ASC, key ASC`.
package struct JiraPollQuery: Sendable, Hashable {
    /// Project keys to search.
    package var projects: [String]
    /// The label every synced issue carries, or `nil` to rely on the link table only.
    package var label: String?
    /// Keys of linked issues (from the link table).
    package var linkedKeys: [String]
    /// The instant up to which everything has been read.
    package var cursor: Date
    /// Minutes re-read before ``cursor``.
    package var overlapMinutes: Int
    /// The sync account's profile time zone, `nil` when unknown (epoch milliseconds are used then).
    package var profileTimeZone: TimeZone?
    /// The most keys in one `key in (…)` list.
    package var keyChunkSize: Int

    /// Creates a query.
    package init(
        projects: [String], label: String?, linkedKeys: [String], cursor: Date, overlapMinutes: Int,
        profileTimeZone: TimeZone?, keyChunkSize: Int = 200
    ) {
        self.projects = projects
        self.label = label
        self.linkedKeys = linkedKeys
        self.cursor = cursor
        self.overlapMinutes = overlapMinutes
        self.profileTimeZone = profileTimeZone
        self.keyChunkSize = max(1, keyChunkSize)
    }

    /// The earliest instant the query asks for: ``cursor`` minus the overlap.
    package var windowStart: Date {
        cursor.addingTimeInterval(-Double(max(0, overlapMinutes)) * 60)
    }

    /// The literal for ``windowStart``: quoted local minute in the profile zone, or epoch milliseconds.
    package var sinceLiteral: String {
        if let profileTimeZone {
            return JQLDateLiteral.quoted(windowStart, userTimeZone: profileTimeZone)
        }
        return JQLDateLiteral.epochMilliseconds(windowStart)
    }

    /// The statements to run this cycle (empty when nothing can be linked: no label and no keys).
    package func statements() -> [String] {
        namedStatements().map(\.jql)
    }

    /// The statements to run this cycle, each with the keys it names (none for the label's): the
    /// label's first, then one per chunk of sorted keys.
    package func namedStatements() -> [(keys: [String], jql: String)] {
        let keys = Array(Set(linkedKeys)).sorted()
        let chunks = stride(from: 0, to: keys.count, by: keyChunkSize).map {
            Array(keys[$0..<min($0 + keyChunkSize, keys.count)])
        }
        let labelStatement = label.map { (keys: [String](), jql: statement("labels = " + Self.quote($0))) }
        let keyStatements = chunks.map { chunk in
            (keys: chunk, jql: statement("key in (" + chunk.map(Self.quote).joined(separator: ", ") + ")"))
        }
        return (labelStatement.map { [$0] } ?? []) + keyStatements
    }

    /// The statement for the linking clause `link`: projects, window and order around it.
    private func statement(_ link: String) -> String {
        var prefix = ""
        if !projects.isEmpty {
            prefix = "project in (" + projects.map(Self.quote).joined(separator: ", ") + ") AND "
        }
        return prefix + link + " AND updated >= " + sinceLiteral + " ORDER BY updated ASC, key ASC"
    }

    /// A JQL string literal: double-quoted, with `"` and `\` escaped.
    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
