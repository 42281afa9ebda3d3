import SyncCore
import Testing

/// Both sides changed to the same category before either writer looked, then one side moved back
/// (seen in a chaos run: Guance resolve and Jira resolve within a second, a Jira reopen 10 s later
/// left Guance resolved for good: the writers took "both already done" for no change at all).
@Suite("Status orders (model): both sides agreeing on their own")
struct StatusSameDecisionModelTests {
    @Test("resolved on both sides within a second, then reopened on one side: the reopen reaches the other", arguments: [
        [StatusWorld.Change(side: .guance, value: "20"), StatusWorld.Change(side: .jira, value: "3"), StatusWorld.Change(side: .jira, value: "1")],
        [StatusWorld.Change(side: .jira, value: "3"), StatusWorld.Change(side: .guance, value: "20"), StatusWorld.Change(side: .guance, value: "10")],
    ])
    func sameDecisionThenBack(changes: [StatusWorld.Change]) {
        var failures: [String] = []
        for seed in UInt64(1)...40 {
            var world = StatusWorld(settings: StatusWorld.Settings(), seed: seed)
            // The first two within 0.3 s, before any poll; the third 10 s later.
            world.play(changes, spacings: [0.3, 10])
            if world.guanceCategory != .open || world.jiraCategory != .open {
                failures.append("seed \(seed): Guance \(world.guanceStatus), Jira \(world.jiraStatus)\n" + world.trace.suffix(30).joined(separator: "\n"))
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 40 runs did not end open, e.g. \(failures.first ?? "")")
    }
}
