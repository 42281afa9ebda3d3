import Foundation
import SyncCore

/// What the published events must be, given the simulator's final state: exactly one created
/// event per human reply (by its deterministic id), the listed edits and deletions exactly once,
/// the expected number of snapshots per issue ending in the issue's final state, nothing for the
/// sync's own replies or `change` entries, and no event id twice.
struct EventExpectation {
    /// The published events and the simulator's state at one moment.
    struct Observation {
        var events: [SyncEvent]
        var world: SimulatorSnapshot
    }

    /// Snapshot events expected per issue (issues not listed: exactly one).
    var snapshotsPerIssue: [String: Int] = [:]
    /// Replies edited (each expects exactly one edit event, with the final content).
    var editedReplies: Set<String> = []
    /// Replies deleted after the poller saw them (each expects exactly one deletion event).
    var deletedReplies: Set<String> = []
    /// Issues that must have produced no event at all (no snapshot, nothing for their replies).
    var unsyncedIssues: Set<String> = []
    /// Issues not checked at all (whether they were synced yet does not matter).
    var ignoredIssues: Set<String> = []

    /// Every way `observation` differs from the expectation (empty = as expected).
    func problems(_ observation: Observation) -> [String] {
        let events = observation.events
        let world = observation.world
        var problems: [String] = []
        let ids = events.map(\.id)
        if Set(ids).count != ids.count { problems.append("\(ids.count - Set(ids).count) duplicate event ids") }

        var created: [String: [SyncEvent]] = [:]
        var edited: [String: [GuanceReplyChange]] = [:]
        var deleted: [String: Int] = [:]
        var snapshots: [String: [GuanceIssueSnapshot]] = [:]
        for event in events {
            switch event.body {
            case .guanceReplyCreated(let reply): created[reply.replyUUID, default: []].append(event)
            case .guanceReplyEdited(let reply): edited[reply.replyUUID, default: []].append(reply)
            case .guanceReplyDeleted(let deletion): deleted[deletion.replyUUID, default: 0] += 1
            case .guanceIssueSnapshot(let snapshot): snapshots[snapshot.issueUUID, default: []].append(snapshot)
            default: problems.append("unexpected event type \(event.type)")
            }
        }

        let ignoredReplies = Set(world.replies.filter { ignoredIssues.contains($0.issueUUID) }.map(\.uuid))
        let human = world.humanReplies.filter {
            !unsyncedIssues.contains($0.issueUUID) && !ignoredIssues.contains($0.issueUUID)
        }
        let humanUUIDs = Set(human.map(\.uuid))
        for reply in human {
            let expectedID = EventID.derive(.guanceReplyCreated, [reply.issueUUID, reply.uuid])
            let found = created[reply.uuid] ?? []
            if found.count != 1 || found.first?.id != expectedID {
                problems.append("reply \(reply.uuid): \(found.count) created events (expected 1 with id \(expectedID))")
            }
        }
        for uuid in Set(created.keys).union(edited.keys).union(deleted.keys)
        where !humanUUIDs.contains(uuid) && !ignoredReplies.contains(uuid) {
            problems.append("event for a reply that must not be mirrored: \(uuid)")
        }
        for reply in human {
            let edits = edited[reply.uuid] ?? []
            if editedReplies.contains(reply.uuid) {
                if edits.count != 1 || edits.first?.content != reply.content {
                    problems.append("reply \(reply.uuid): \(edits.count) edit events (expected 1 with the final content)")
                }
            } else if !edits.isEmpty {
                problems.append("reply \(reply.uuid): \(edits.count) unexpected edit events")
            }
            let expectedDeletions = deletedReplies.contains(reply.uuid) ? 1 : 0
            if deleted[reply.uuid, default: 0] != expectedDeletions {
                problems.append("reply \(reply.uuid): \(deleted[reply.uuid, default: 0]) deletion events (expected \(expectedDeletions))")
            }
        }

        for issue in world.issues.values where !issue.deleted && !ignoredIssues.contains(issue.uuid) {
            let found = snapshots[issue.uuid] ?? []
            let expected = unsyncedIssues.contains(issue.uuid) ? 0 : snapshotsPerIssue[issue.uuid] ?? 1
            if found.count != expected {
                problems.append("issue \(issue.uuid): \(found.count) snapshot events (expected \(expected))")
            } else if let last = found.last, last.name != issue.name || last.statusType != issue.statusType {
                problems.append("issue \(issue.uuid): last snapshot is not its final state")
            }
        }
        for uuid in snapshots.keys where world.issues[uuid] == nil {
            problems.append("snapshot of an unknown issue \(uuid)")
        }
        return problems
    }
}
