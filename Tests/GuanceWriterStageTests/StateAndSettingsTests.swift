import Foundation
import StageRuntime
import SyncCore
import Testing

@testable import GuanceWriterStage

@Suite("guance-writer state and settings")
struct StateAndSettingsTests {
    @Test("a status sync state survives its checkpoint round trip; other checkpoints are not states")
    func statusStateRoundTrip() throws {
        let state = StatusSyncState(
            jiraIssueId: "10042", syncedAt: Date(timeIntervalSince1970: 1_795_996_800), guanceStatusType: 25,
            jiraChangedAt: Date(timeIntervalSince1970: 1_795_996_790.5), eventID: EventID(rawValue: "ev1-abc"))
        let checkpoint = state.checkpoint()
        #expect(checkpoint.key == "guance-writer/status/10042")
        #expect(StatusSyncState(checkpoint) == state)
        var foreign = checkpoint
        foreign.poller = "jira-poller"
        #expect(StatusSyncState(foreign) == nil)
        var damaged = checkpoint
        damaged.state = [:]
        #expect(StatusSyncState(damaged) == nil)
    }

    @Test("settings: --group wins over SYNC_CONSUMER_GROUP, durations from the environment, bad values refused")
    func settings() throws {
        let defaults = try GuanceWriterSettings(environment: [:])
        #expect(defaults == GuanceWriterSettings())
        #expect(defaults.group == "guance-jira-sync.guance-writer")
        let environment = ["SYNC_CONSUMER_GROUP": "from-env", "GUANCE_WRITER_UNLINKED_GRACE_SECONDS": "30"]
        #expect(try GuanceWriterSettings(environment: environment).group == "from-env")
        #expect(try GuanceWriterSettings(environment: environment, group: "from-flag").group == "from-flag")
        #expect(try GuanceWriterSettings(environment: environment).unlinkedGraceSeconds == 30)
        #expect(throws: StageError.self) { try GuanceWriterSettings(environment: ["GUANCE_WRITER_SETTLE_SECONDS": "soon"]) }
    }
}
