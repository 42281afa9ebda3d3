import Foundation
import PipelineTesting
import Testing

/// What jira-poller asks Jira each cycle (read from the simulator's log of searches): the label
/// statement finds the linked issues, so a quiet cycle names no key however many links there are;
/// an issue whose label a person took off is found by the project sweep, then searched by key.
@Suite("jira-poller searches by label, not by every linked key (separate processes)", .serialized)
struct LinkedIssueSearchTests {
    /// The statements of Jira searches made after the first `skip` (waits until `count` more were made).
    static func searches(_ bed: PollerTestBed, after skip: Int, count: Int) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await bed.jira.requestCount(containing: "/search") < skip + count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        return Array(try await bed.jira.recentSearches().suffix(count))
    }

    @Test("quiet cycles search the label (and sweep the project), never key chunks; a label taken off: the sweep finds the issue's next change, later changes come by key")
    func labelNotKeys() async throws {
        let bed = try await PollerTestBed(simulatorArguments: JiraPollerEndToEndTests.sites[0].simulatorArguments, projectSweepSeconds: 3)
        try bed.startPoller()
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            var twins: [(id: String, key: String)] = []
            for index in 1...3 { twins.append(try await bed.createLinkedIssue(summary: "[Guance] twin \(index)")) }
            _ = try await jira.addComment(as: JiraSimControl.human, issue: twins[0].key, text: "first")
            try await bed.expectEvent("created:first")
            // The twins were read (their creation is an update): none is searched by key any more.
            let quiet = try await Self.searches(bed, after: try await jira.requestCount(containing: "/search"), count: 8)
            #expect(!quiet.contains { $0.contains("key in") }, "a quiet cycle named linked keys: \(quiet)")
            #expect(quiet.contains { $0.contains("labels = \"guance\"") })
            #expect(quiet.contains { $0.hasPrefix("project in (\"OPS\") AND updated >= ") }, "no project sweep in 8 searches")

            // A person takes the label off the second twin and comments: only the sweep can find it.
            try await jira.editLabels(as: JiraSimControl.human, issue: twins[1].key, remove: ["guance"])
            _ = try await jira.addComment(as: JiraSimControl.human, issue: twins[1].key, text: "after the label went")
            try await bed.expectEvent("created:after the label went")
            let byKey = try await Self.searches(bed, after: try await jira.requestCount(containing: "/search"), count: 6)
            #expect(byKey.contains { $0.contains("key in (\"\(twins[1].key)\")") }, "the unlabelled twin is not searched by key: \(byKey)")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: twins[1].key, text: "next")
            try await bed.expectEvent("created:next")

            // The label comes back: the key statement finds it so, and stops.
            try await jira.editLabels(as: JiraSimControl.human, issue: twins[1].key, add: ["guance"])
            _ = try await Self.searches(bed, after: try await jira.requestCount(containing: "/search"), count: 6)
            let relabelled = try await Self.searches(bed, after: try await jira.requestCount(containing: "/search"), count: 4)
            #expect(!relabelled.contains { $0.contains("key in") }, "the relabelled twin is still searched by key: \(relabelled)")

            _ = try await jira.addComment(as: JiraSimControl.human, issue: twins[0].key, text: "END")
            let events = try await bed.waitForEvents { $0.map(describe).contains("created:END") }
            #expect(events.map(describe).sorted() == ["created:END", "created:after the label went", "created:first", "created:next"])
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }
}
