import Foundation
import JiraAPI

/// The JQL of one jira-poller cycle.
///
/// An issue is watched when the link table links it; the searches only have to find it when it
/// changes. Jira cannot wildcard labels (`labels = "guance-*"` is not valid JQL), so:
/// - the **label statement** finds every issue carrying the configured label (`jira.labels`, e.g.
///   `guance`) updated in the window: every twin the sync created, in one search however many links;
/// - a **project sweep** (``sweepFrom``, every `jira.projectSweepSeconds`, chosen by the caller)
///   finds every issue of the routed projects updated since the previous sweep: a linked issue whose
///   label a person took off, or an adopted one that never had it, is seen at its first change;
/// - **key statements** (``linkedKeys``, in chunks of ``keyChunkSize``) for the few linked issues
///   known to lack the label, freshly linked and not read yet, or named by a webhook.
///
/// Until issue 12 every linked key went into a `key in (…)` chunk every cycle: one search per 200
/// links (≈500 searches every 30 s at 100,000 links). Now a quiet cycle is one search. A labelled,
/// linked issue may be found by two statements; the caller de-duplicates them with
/// ``JiraPollDeduplicator``.
///
/// The time condition is `updated >= <cursor − overlap>`: in the sync account's profile time zone
/// at minute precision (floored, never later than the wanted instant; see `JQLDateLiteral`), or as
/// epoch milliseconds when the zone is unknown. Results are ordered `updated ASC, key ASC`.
package struct JiraPollQuery: Sendable, Hashable {
    /// Project keys to search.
    package var projects: [String]
    /// The label every synced issue carries, or `nil` to rely on the sweep and the keys only.
    package var label: String?
    /// Keys of linked issues to search by key (those the label statement may not find).
    package var linkedKeys: [String]
    /// The instant up to which everything has been read.
    package var cursor: Date
    /// The instant up to which the routed projects have been swept, when a sweep is due this cycle.
    package var sweepFrom: Date?
    /// Minutes re-read before ``cursor`` (and before ``sweepFrom``).
    package var overlapMinutes: Int
    /// The sync account's profile time zone, `nil` when unknown (epoch milliseconds are used then).
    package var profileTimeZone: TimeZone?
    /// The most keys in one `key in (…)` list.
    package var keyChunkSize: Int

    /// Creates a query.
    package init(
        projects: [String], label: String?, linkedKeys: [String], cursor: Date, sweepFrom: Date? = nil,
        overlapMinutes: Int, profileTimeZone: TimeZone?, keyChunkSize: Int = 200
    ) {
        self.projects = projects
        self.label = label
        self.linkedKeys = linkedKeys
        self.cursor = cursor
        self.sweepFrom = sweepFrom
        self.overlapMinutes = overlapMinutes
        self.profileTimeZone = profileTimeZone
        self.keyChunkSize = max(1, keyChunkSize)
    }

    /// The earliest instant the query asks for: ``cursor`` minus the overlap.
    package var windowStart: Date { Self.minusOverlap(cursor, overlapMinutes) }

    /// The literal for ``windowStart``: quoted local minute in the profile zone, or epoch milliseconds.
    package var sinceLiteral: String { literal(windowStart) }

    /// The statements to run this cycle (empty when nothing can be linked: no label, no sweep, no keys).
    package func statements() -> [String] {
        namedStatements().map(\.jql)
    }

    /// The statements to run this cycle, each with the keys it names (none for the label's and the
    /// sweep's): the label's first, then the sweep, then one per chunk of sorted keys.
    package func namedStatements() -> [(keys: [String], jql: String)] {
        let keys = Array(Set(linkedKeys)).sorted()
        let chunks = stride(from: 0, to: keys.count, by: keyChunkSize).map {
            Array(keys[$0..<min($0 + keyChunkSize, keys.count)])
        }
        var statements: [(keys: [String], jql: String)] = []
        if let label { statements.append(([], statement("labels = " + Self.quote(label), since: sinceLiteral))) }
        if let sweepFrom, !projects.isEmpty {
            statements.append(([], statement(nil, since: literal(Self.minusOverlap(sweepFrom, overlapMinutes)))))
        }
        for chunk in chunks {
            statements.append((chunk, statement("key in (" + chunk.map(Self.quote).joined(separator: ", ") + ")", since: sinceLiteral)))
        }
        return statements
    }

    /// The statement for the linking clause `link` (none: the projects alone): projects, window and order around it.
    private func statement(_ link: String?, since: String) -> String {
        var clauses: [String] = []
        if !projects.isEmpty { clauses.append("project in (" + projects.map(Self.quote).joined(separator: ", ") + ")") }
        if let link { clauses.append(link) }
        clauses.append("updated >= " + since)
        return clauses.joined(separator: " AND ") + " ORDER BY updated ASC, key ASC"
    }

    /// The JQL literal for `instant`: quoted local minute in the profile zone, or epoch milliseconds.
    private func literal(_ instant: Date) -> String {
        if let profileTimeZone { return JQLDateLiteral.quoted(instant, userTimeZone: profileTimeZone) }
        return JQLDateLiteral.epochMilliseconds(instant)
    }

    private static func minusOverlap(_ instant: Date, _ overlapMinutes: Int) -> Date {
        instant.addingTimeInterval(-Double(max(0, overlapMinutes)) * 60)
    }

    /// A JQL string literal: double-quoted, with `"` and `\` escaped.
    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
