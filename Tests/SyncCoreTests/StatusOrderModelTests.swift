import Foundation
import SyncCore
import Testing

/// Every order of up to four status changes (resolve, close, reopen on either side), spaced slower
/// and faster than a poll, through the discrete-event model of both services, pollers, writers and
/// the status ledger (``StatusWorld``), each with several interleavings: both sides end on the last
/// change a person made, and the sync never writes over that change (no bounce).
@Suite("Status orders (model)")
struct StatusOrderModelTests {
    /// Every sequence of 1…`length` changes.
    static func sequences(upTo length: Int) -> [[StatusWorld.Change]] {
        var all: [[StatusWorld.Change]] = []
        var current: [[StatusWorld.Change]] = [[]]
        for _ in 1...length {
            current = current.flatMap { prefix in StatusWorld.Change.all.map { prefix + [$0] } }
            all += current
        }
        return all
    }

    /// Checks one run; returns the failure, if any.
    static func check(
        _ changes: [StatusWorld.Change], spacing: Double, seed: UInt64, settings: StatusWorld.Settings = StatusWorld.Settings()
    ) -> String? {
        var world = StatusWorld(settings: settings, seed: seed)
        world.play(changes, spacing: spacing)
        let expected = world.lastChange?.change.category ?? .open
        let label = "\(changes) spacing \(spacing) seed \(seed)"
        if world.collisions > 0 {
            // A person acted inside a writer's read → write window: only convergence is promised.
            return world.guanceCategory == world.jiraCategory
                ? nil : "\(label): collision run did not converge\n" + world.trace.joined(separator: "\n")
        }
        if world.guanceCategory != expected || world.jiraCategory != expected {
            return "\(label): expected both \(expected), got Guance \(world.guanceStatus) Jira \(world.jiraStatus)\n" + world.trace.joined(separator: "\n")
        }
        if let last = world.lastChange, let bounce = world.writes.first(where: { $0.time > last.time && $0.side == last.change.side }) {
            return "\(label): the sync wrote \(bounce.category) to \(bounce.side) after the last change there (\(last.change))\n"
                + world.trace.joined(separator: "\n")
        }
        if world.writes.count > world.effectiveChanges {
            return "\(label): \(world.writes.count) sync writes for \(world.effectiveChanges) changes\n"
                + world.trace.suffix(40).joined(separator: "\n")
        }
        return nil
    }

    @Test("every order of up to four changes, slower and faster than a poll, several interleavings each")
    func everyOrder() {
        var failures: [String] = []
        var runs = 0
        for changes in Self.sequences(upTo: 4) {
            for spacing in [1.3, 7.0] {
                for seed in UInt64(1)...UInt64(changes.count < 4 ? 6 : 2) {
                    runs += 1
                    if let failure = Self.check(changes, spacing: spacing, seed: seed &* 7919 &+ UInt64(changes.count)) {
                        failures.append(failure)
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(runs) runs failed; first:\n\(failures.prefix(3).joined(separator: "\n\n"))")
    }

    @Test("slow writers, unequal poll intervals and short patience: every order of up to three changes, many interleavings")
    func slowWritersAndShortPatience() {
        var slow = StatusWorld.Settings()
        slow.guancePoll = 3
        slow.jiraPoll = 1.5
        slow.stepDurations = 0.05...2.5
        slow.patience = 4
        var failures: [String] = []
        var runs = 0
        for changes in Self.sequences(upTo: 3) {
            for spacing in [1.2, 2.5, 12.0] {
                for seed in UInt64(1)...UInt64(8) {
                    runs += 1
                    if let failure = Self.check(changes, spacing: spacing, seed: seed &* 104_729, settings: slow) {
                        failures.append(failure)
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(runs) runs failed; first:\n\(failures.prefix(3).joined(separator: "\n\n"))")
    }
}
