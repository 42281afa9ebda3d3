import Foundation
import Synchronization

/// Linked issue keys Jira refused in a search (400: the JQL names an issue that does not exist any
/// more — deleted in Jira before jira-writer detached its pair), left out of jira-poller's
/// `key in (…)` statements for a while so they do not fail the search of every other key in
/// their chunk, then tried again (in case the refusal passes).
package final class RefusedIssueKeys: Sendable {
    /// How long a refused key stays out of the searches.
    package let retryAfter: TimeInterval
    private let refused = Mutex<[String: Date]>([:])

    /// Creates an empty set whose keys are tried again after `retryAfter` seconds.
    package init(retryAfter: TimeInterval = 15 * 60) {
        self.retryAfter = retryAfter
    }

    /// Records that Jira refused `key` at `now`.
    package func refuse(_ key: String, at now: Date) {
        refused.withLock { $0[key] = now }
    }

    /// `keys` without the ones refused less than ``retryAfter`` ago. Keys whose time is up, and
    /// keys no longer asked for (their link is gone), are forgotten, so the set never outgrows the
    /// link table.
    package func searchable(_ keys: [String], at now: Date) -> [String] {
        refused.withLock { refused in
            let asked = Set(keys)
            refused = refused.filter { asked.contains($0.key) && now.timeIntervalSince($0.value) < retryAfter }
            return keys.filter { refused[$0] == nil }
        }
    }

    /// Whether a Jira error message names issue key `key` as a whole word ("OPS-1" is not named by
    /// a message about "OPS-12"): Jira names each key it refuses, in any language.
    package static func message(_ message: String, names key: String) -> Bool {
        var searchRange = message.startIndex..<message.endIndex
        while let found = message.range(of: key, options: [.caseInsensitive], range: searchRange) {
            let before = found.lowerBound == message.startIndex ? nil : message[message.index(before: found.lowerBound)]
            let after = found.upperBound == message.endIndex ? nil : message[found.upperBound]
            let isPart: (Character?) -> Bool = { character in
                character.map { $0.isASCII && ($0.isLetter || $0.isNumber) || $0 == "-" || $0 == "_" } ?? false
            }
            if !isPart(before) && !isPart(after) { return true }
            searchRange = found.upperBound..<message.endIndex
        }
        return false
    }

    /// How many keys are left out now.
    package var count: Int { refused.withLock { $0.count } }
}
