import Foundation
import JiraPollerStage
import PipelineTesting
import SyncCore
import Testing

/// jira-poller as its own process against the dev broker and the Jira simulator (also processes).
/// Every step waits for its event before the next one, so each change is seen on its own and the
/// expected events are exact; a final `END` comment (same issue, so same partition, after
/// everything else) proves nothing else is still on its way when the list is compared.
@Suite("jira-poller end to end (separate processes)", .serialized)
struct JiraPollerEndToEndTests {
    /// A simulated Jira site: flavour, the sync account's profile time zone and locale.
    struct Site: Sendable, CustomTestStringConvertible {
        var flavour: String
        var timeZone: String
        var locale: String

        var simulatorArguments: [String] {
            ["--jira-flavour", flavour, "--jira-time-zone", timeZone, "--jira-locale", locale]
        }

        var testDescription: String { "\(flavour), \(timeZone), \(locale)" }
    }

    static let sites = [
        Site(flavour: "cloud", timeZone: "Asia/Shanghai", locale: "en_US"),
        Site(flavour: "data-center", timeZone: "America/New_York", locale: "zh_CN"),
    ]

    @Test("human comments, edits, deletions and status changes become exactly the expected events; the sync's own writes none",
          arguments: sites)
    func humanActivity(site: Site) async throws {
        let bed = try await PollerTestBed(simulatorArguments: site.simulatorArguments)
        try bed.startPoller()
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            let guanceUUID = PollerTestBed.guanceUUID()
            let issue = try await bed.createLinkedIssue(
                summary: "[Guance] disk full", labels: ["guance", "guance-\(guanceUUID)"], guanceUUID: guanceUUID)
            let marker: [String: Any] = ["origin": "guance", "replyUUID": UUID().uuidString]
            // What the sync wrote: by its account (with and without the property), or carrying its property.
            _ = try await jira.addComment(
                as: JiraSimControl.sync, issue: issue.key, text: "mirrored Guance reply",
                properties: [PollerTestBed.propertyKey: marker])
            let syncNote = try await jira.addComment(as: JiraSimControl.sync, issue: issue.key, text: "sync note")
            _ = try await jira.addComment(
                as: JiraSimControl.human, issue: issue.key, text: "carries the sync marker",
                properties: [PollerTestBed.propertyKey: marker])

            let first = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "磁盘满了 first")
            try await bed.expectEvent("created:磁盘满了 first")
            try await jira.editComment(as: JiraSimControl.human, issue: issue.key, commentId: first, text: "磁盘满了 edited")
            try await bed.expectEvent("edited:磁盘满了 edited")
            try await jira.editComment(as: JiraSimControl.sync, issue: issue.key, commentId: syncNote, text: "sync note, edited")
            let second = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "second")
            try await bed.expectEvent("created:second")
            try await jira.deleteComment(as: JiraSimControl.human, issue: issue.key, commentId: second)
            try await bed.expectEvent("deleted:\(second)")
            try await jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "done")
            try await bed.expectEvent("status:done")
            try await jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "new")
            try await bed.expectEvent("status:new")
            // An issue without the label, linked through the link table only.
            let linkedUUID = PollerTestBed.guanceUUID()
            let linked = try await jira.createIssue(as: JiraSimControl.sync, summary: "[Guance] linked", labels: [])
            try await bed.link(issue: linked, guanceUUID: linkedUUID)
            _ = try await jira.addComment(as: JiraSimControl.human, issue: linked.key, text: "on a linked issue")
            try await bed.expectEvent("created:on a linked issue")

            _ = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "END")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: linked.key, text: "END of linked")
            let events = try await bed.waitForEvents {
                Set($0.map(describe)).isSuperset(of: ["created:END", "created:END of linked"])
            }

            let labelled = events.filter { $0.key == issue.id }
            #expect(labelled.map(describe).sorted() == [
                "created:磁盘满了 first", "edited:磁盘满了 edited", "created:second", "deleted:\(second)",
                "status:done", "status:new", "created:END",
            ].sorted())
            let linkedEvents = events.filter { $0.key == linked.id }
            #expect(linkedEvents.map(describe).sorted() == ["created:END of linked", "created:on a linked issue"])
            #expect(linkedEvents.allSatisfy { event in
                if case .jiraCommentCreated(let change) = event.body { return change.issue.guanceIssueUUID == linkedUUID }
                return false
            })
            #expect(events.count == labelled.count + linkedEvents.count)
            for event in labelled {
                switch event.body {
                case .jiraIssueStatusChanged(let change):
                    #expect(change.issue.guanceIssueUUID == guanceUUID)
                    #expect(!change.statusName.isEmpty)
                case .jiraCommentCreated(let change), .jiraCommentEdited(let change):
                    #expect(change.issue.guanceIssueUUID == guanceUUID)
                    #expect(change.author.displayName == "Alice Human")
                    #expect(change.url?.contains("focusedCommentId=\(change.commentId)") == true)
                default:
                    break
                }
            }
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    @Test("an issue carrying a synced issue's labels but not in the link table yields no event; a human comment made before a link is recorded is not lost",
          arguments: sites)
    func unlinkedLabelledIssue(site: Site) async throws {
        let bed = try await PollerTestBed(simulatorArguments: site.simulatorArguments)
        try bed.startPoller()
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            let guanceUUID = PollerTestBed.guanceUUID()
            let twin = try await bed.createLinkedIssue(
                summary: "[Guance] disk full", labels: ["guance", "guance-\(guanceUUID)"], guanceUUID: guanceUUID)
            // A person makes an issue that looks synced (the labels, the sync marker property) and acts on it.
            let spoof = try await jira.createIssue(
                as: JiraSimControl.human, summary: "[Guance] disk full", labels: ["guance", "guance-\(guanceUUID)", guanceUUID])
            _ = try await jira.addComment(as: JiraSimControl.human, issue: spoof.key, text: "spoofed comment")
            try await jira.transition(as: JiraSimControl.human, issue: spoof.key, toCategory: "done")
            // The sync creates an issue; a person comments before jira-writer recorded its link.
            let pending = try await jira.createIssue(
                as: JiraSimControl.sync, summary: "[Guance] cpu", labels: ["guance", "guance-issue_pending"])
            _ = try await jira.addComment(as: JiraSimControl.human, issue: pending.key, text: "before the link")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: twin.key, text: "on the twin")
            try await bed.expectEvent("created:on the twin")
            try await bed.link(issue: pending, guanceUUID: "issue_pending")
            try await bed.expectEvent("created:before the link")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: twin.key, text: "END")
            let events = try await bed.waitForEvents { $0.map(describe).contains("created:END") }
            #expect(events.filter { $0.key == spoof.id }.map(describe) == [], "the unlinked issue produced events")
            #expect(events.filter { $0.key == twin.id }.map(describe).sorted() == ["created:END", "created:on the twin"])
            #expect(events.filter { $0.key == pending.id }.map(describe) == ["created:before the link"])
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    @Test("a linked issue deleted in Jira before its pair was detached: Jira refuses its key, every other linked issue of its chunk is still watched",
          arguments: [(sites[0], "named"), (sites[1], "unnamed")])
    func deletedLinkedIssue(site: Site, refusal: String) async throws {
        // `named`: Jira's 400 names the deleted key; `unnamed`: it names none, so the poller splits the chunk.
        let bed = try await PollerTestBed(simulatorArguments: site.simulatorArguments + ["--jira-unknown-issue-keys", refusal])
        try bed.startPoller()
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            // Linked by the link table alone (the label was taken off): only its key finds it.
            let unlabelled = try await bed.createLinkedIssue(summary: "[Guance] unlabelled", labels: [])
            let deleted = try await bed.createLinkedIssue(summary: "[Guance] deleted later", labels: [])
            _ = try await jira.addComment(as: JiraSimControl.human, issue: unlabelled.key, text: "before the deletion")
            try await bed.expectEvent("created:before the deletion")
            // Jira now answers 400 to any search naming the deleted key (strict JQL validation).
            try await jira.deleteIssue(as: JiraSimControl.sync, issue: deleted.key)
            _ = try await jira.addComment(as: JiraSimControl.human, issue: unlabelled.key, text: "after the deletion")
            try await bed.expectEvent("created:after the deletion")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: unlabelled.key, text: "END")
            let events = try await bed.waitForEvents { $0.map(describe).contains("created:END") }
            #expect(events.filter { $0.key == unlabelled.id }.map(describe).sorted() == [
                "created:END", "created:after the deletion", "created:before the deletion",
            ])
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    @Test("SIGKILL between produce and checkpoint, then changes while down: nothing missed, nothing twice")
    func crashBetweenProduceAndCheckpoint() async throws {
        let bed = try await PollerTestBed(
            simulatorArguments: ["--jira-flavour", "data-center", "--jira-time-zone", "Asia/Shanghai"])
        // The first publish passes; the second kills the poller after the acknowledgement, before the checkpoint.
        let crashing = try bed.startPoller(extraEnvironment: [
            "SYNC_FAULT_CRASH_AT": "jira_events_published", "SYNC_FAULT_CRASH_AFTER": "1",
        ])
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            let issue = try await bed.createLinkedIssue(summary: "[Guance] cpu")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "before the crash")
            try await bed.expectEvent("created:before the crash")
            let doomed = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "published, not checkpointed")
            let status = try await crashing.waitForExit(timeout: .seconds(90))
            #expect(status != nil && status != 0, "the fault injection killed the poller")
            try await bed.expectEvent("created:published, not checkpointed")

            try await jira.editComment(as: JiraSimControl.human, issue: issue.key, commentId: doomed, text: "edited while down")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "written while down")
            try await jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "done")
            let events = try await bed.restartAndFinish(issue: issue.key)
            #expect(events.map(describe).sorted() == [
                "created:before the crash", "created:published, not checkpointed", "edited:edited while down",
                "created:written while down", "status:done", "created:END",
            ].sorted())
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    /// The crash comes at the first publish, so the issue's state never reached a checkpoint: the
    /// restart rebuilds it from the empty baseline plus the events already published.
    @Test("SIGKILL after the first publish of a new issue (no checkpointed state): nothing missed, nothing twice")
    func crashBeforeIssueCheckpointed() async throws {
        let bed = try await PollerTestBed()
        let crashing = try bed.startPoller(extraEnvironment: ["SYNC_FAULT_CRASH_AT": "jira_events_published"])
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            let issue = try await bed.createLinkedIssue(summary: "[Guance] net")
            let comment = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "published, then killed")
            let status = try await crashing.waitForExit(timeout: .seconds(90))
            #expect(status != nil && status != 0, "the fault injection killed the poller")
            try await bed.expectEvent("created:published, then killed")

            try await jira.editComment(as: JiraSimControl.human, issue: issue.key, commentId: comment, text: "edited while down")
            try await jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "done")
            let events = try await bed.restartAndFinish(issue: issue.key)
            #expect(events.map(describe).sorted() == [
                "created:published, then killed", "edited:edited while down", "status:done", "created:END",
            ].sorted())
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }

    @Test("SIGTERM, changes while stopped, restart: nothing missed, nothing twice")
    func gracefulRestart() async throws {
        let bed = try await PollerTestBed(simulatorArguments: ["--jira-time-zone", "America/New_York"])
        let first = try bed.startPoller()
        do {
            try #require(try await bed.waitForCheckpoint())
            let jira = bed.jira
            let issue = try await bed.createLinkedIssue(summary: "[Guance] mem")
            let comment = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "seen before the stop")
            try await bed.expectEvent("created:seen before the stop")
            #expect(try await PollerTestBed.stop(first) == 0)

            try await jira.editComment(as: JiraSimControl.human, issue: issue.key, commentId: comment, text: "edited while stopped")
            _ = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "written while stopped")
            let fleeting = try await jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "gone before anyone saw it")
            try await jira.deleteComment(as: JiraSimControl.human, issue: issue.key, commentId: fleeting)
            try await jira.transition(as: JiraSimControl.human, issue: issue.key, toCategory: "done")
            let events = try await bed.restartAndFinish(issue: issue.key)
            #expect(events.map(describe).sorted() == [
                "created:seen before the stop", "edited:edited while stopped", "created:written while stopped",
                "status:done", "created:END",
            ].sorted())
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }
}

extension PollerTestBed {
    /// Waits for an event described as `description` (see ``describe(_:)``) and records an issue
    /// when it does not come.
    func expectEvent(_ description: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let events = try await waitForEvents { $0.map(describe).contains(description) }
        try #require(events.map(describe).contains(description), "no \(description) event", sourceLocation: sourceLocation)
    }
}
