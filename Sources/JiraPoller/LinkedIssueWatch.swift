import Foundation
import SyncCore

/// Which linked issues one jira-poller cycle searches by key, and whether it sweeps the routed
/// projects (see ``JiraPollQuery``).
///
/// The label statement finds every linked issue that carries the label. By key go only the ones it
/// may not find: known to lack the label at their last reading, linked recently and not read yet
/// (an adopted issue may never have had it), or named by a recent webhook. A linked issue whose
/// label a person takes off is not known to lack it until it is read again: the project sweep,
/// every ``sweepInterval``, reads it at its first change after that (and every cycle when no label
/// is configured).
package struct LinkedIssueWatch: Sendable {
    /// One linked issue.
    package struct Link: Sendable, Hashable {
        /// The Jira issue id.
        package var id: String
        /// The Jira issue key.
        package var key: String
        /// When the link was recorded.
        package var linkedAt: Date

        /// Creates a link.
        package init(id: String, key: String, linkedAt: Date) {
            self.id = id
            self.key = key
            self.linkedAt = linkedAt
        }
    }

    /// The label the label statement searches for, as jira-writer writes it (``SyncCore/JiraLabel/slug(_:)``),
    /// `nil` when none is configured.
    package var label: String?
    /// Seconds between two project sweeps.
    package var sweepInterval: TimeInterval
    /// How long a link recorded but never read is searched by key (on the writer's clock: the window
    /// is widened by `HostClocks.tolerance` when compared with this host's).
    package var freshLinkWindow: TimeInterval

    /// Creates the rules for the configured `label` (the first of `jira.labels`).
    package init(label: String?, sweepInterval: TimeInterval, freshLinkWindow: TimeInterval = 15 * 60) {
        self.label = label.flatMap(JiraLabel.slug)
        self.sweepInterval = sweepInterval
        self.freshLinkWindow = freshLinkWindow
    }

    /// The keys to search by key at `now`: links whose issue lacked the label at its last reading
    /// (`unlabelled`), links recorded within ``freshLinkWindow`` (stamped by jira-writer's host, so
    /// the host clocks' tolerance is added) whose issue was never read
    /// (`isRead` false), and links named by a webhook lately (`named`). Without a label the sweep
    /// runs every cycle, so these are all the keys ever needed.
    package func keysToSearch(
        _ links: [Link], unlabelled: Set<String>, isRead: (String) -> Bool, named: Set<String>, now: Date
    ) -> [String] {
        let freshSince = now.addingTimeInterval(-freshLinkWindow - HostClocks.tolerance)
        return links.filter { link in
            unlabelled.contains(link.id) || named.contains(link.id) || (link.linkedAt >= freshSince && !isRead(link.id))
        }.map(\.key)
    }

    /// Whether this cycle sweeps the routed projects: always without a label, else when no sweep
    /// ran since this process started (`secondsSinceLastSweep` nil) or the last one is
    /// ``sweepInterval`` old.
    package func sweepIsDue(secondsSinceLastSweep: TimeInterval?) -> Bool {
        guard label != nil, let secondsSinceLastSweep else { return true }
        return secondsSinceLastSweep >= sweepInterval
    }

    /// Whether a reading of an issue with `labels` shows it lacks the label (`nil`: the reading
    /// says nothing about labels, or none is configured).
    package func lacksLabel(_ labels: [String]?) -> Bool? {
        guard let label, let labels else { return nil }
        return !labels.contains(label)
    }
}
