import Foundation
import StageRuntime
import SyncCore
import Testing

@testable import GuanceWriterStage

@Suite("guance-writer state and settings")
struct StateAndSettingsTests {
    @Test("an event waiting for guance-poller skips Guance until the ledger has the version or the patience ends")
    func observationWaits() {
        let waits = ObservationWaits(patience: 30, recheck: 10)
        let event = EventID(rawValue: "ev1-abc")
        let start = Date(timeIntervalSince1970: 1_795_996_800)
        let version = Date(timeIntervalSince1970: 1_795_996_790)
        #expect(waits.pending(event, seen: nil, now: start) == nil, "not waiting yet: read Guance")
        #expect(waits.start(event, version: version, now: start) == .seconds(10))
        #expect(waits.pending(event, seen: nil, now: start.addingTimeInterval(5)) == .seconds(10))
        #expect(waits.pending(event, seen: version.addingTimeInterval(-1), now: start.addingTimeInterval(25)) == .seconds(5))
        #expect(waits.pending(event, seen: version, now: start.addingTimeInterval(6)) == nil, "delivered: read Guance again")
        #expect(!waits.patienceEnded(event, now: start.addingTimeInterval(29)))
        #expect(waits.pending(event, seen: nil, now: start.addingTimeInterval(31)) == nil, "patience ended: decide")
        #expect(waits.patienceEnded(event, now: start.addingTimeInterval(31)))
        waits.forget(event)
        #expect(waits.pending(event, seen: nil, now: start.addingTimeInterval(31)) == nil)
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
        #expect(defaults.statusObservationSeconds == 120)
        #expect(try GuanceWriterSettings(environment: ["GUANCE_WRITER_STATUS_OBSERVATION_SECONDS": "15"]).statusObservationSeconds == 15)
    }
}
