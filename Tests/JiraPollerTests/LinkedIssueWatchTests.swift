import Foundation
import Testing

@testable import JiraPoller

@Suite("LinkedIssueWatch")
struct LinkedIssueWatchTests {
    let now = Fixtures.date("2026-11-29T02:00:00Z")
    let watch = LinkedIssueWatch(label: "guance", sweepInterval: 600)

    func link(_ id: Int, linkedMinutesAgo minutes: Double) -> LinkedIssueWatch.Link {
        .init(id: "\(id)", key: "OPS-\(id)", linkedAt: now.addingTimeInterval(-minutes * 60))
    }

    @Test("by key go only the links the label may not find: known unlabelled, fresh and unread, named by a webhook")
    func keys() {
        let links = (1...2000).map { link($0, linkedMinutesAgo: 60) } + [
            link(3001, linkedMinutesAgo: 2), link(3002, linkedMinutesAgo: 3), link(3003, linkedMinutesAgo: 26),
            // Linked 10 minutes ago by a jira-writer whose host runs 10 minutes behind this one.
            link(3004, linkedMinutesAgo: 20),
        ]
        let keys = watch.keysToSearch(
            links, unlabelled: ["17", "999"], isRead: { $0 == "3002" }, named: ["1500"], now: now)
        #expect(keys.sorted() == ["OPS-1500", "OPS-17", "OPS-3001", "OPS-3004", "OPS-999"],
                "2,000 labelled links cost no key statement; a fresh link read once, or stamped 26 min ago, neither")
    }

    @Test("the sweep runs at a process's first cycle, then every interval; every cycle without a label")
    func sweepSchedule() {
        #expect(watch.sweepIsDue(secondsSinceLastSweep: nil))
        #expect(!watch.sweepIsDue(secondsSinceLastSweep: 599))
        #expect(watch.sweepIsDue(secondsSinceLastSweep: 600))
        let unlabelledWatch = LinkedIssueWatch(label: nil, sweepInterval: 600)
        #expect(unlabelledWatch.sweepIsDue(secondsSinceLastSweep: 0))
    }

    @Test("the label is searched as jira-writer writes it: a configured `guance:sync` is `guance-sync` on the twins")
    func labelAsWritten() {
        #expect(LinkedIssueWatch(label: "guance:sync", sweepInterval: 600).label == "guance-sync")
        #expect(LinkedIssueWatch(label: "guance", sweepInterval: 600).label == "guance")
        #expect(LinkedIssueWatch(label: "guance:sync", sweepInterval: 600).lacksLabel(["guance-sync"]) == false)
    }

    @Test("a reading lacks the label only when it has labels without it")
    func lacksLabel() {
        #expect(watch.lacksLabel(["guance", "guance-issue_1"]) == false)
        #expect(watch.lacksLabel(["guance-issue_1", "Guance"]) == true, "labels are case-sensitive")
        #expect(watch.lacksLabel([]) == true)
        #expect(watch.lacksLabel(nil) == nil, "a reading without the field says nothing")
        #expect(LinkedIssueWatch(label: nil, sweepInterval: 1).lacksLabel([]) == nil)
    }
}
