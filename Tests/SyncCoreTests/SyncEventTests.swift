import Foundation
import ProcessSupport
import SyncCore
import Testing

@Suite("Normalized events")
struct SyncEventTests {
    @Test("every event type round-trips through JSON unchanged")
    func roundTrip() throws {
        #expect(Set(EventSamples.events.map(\.type)) == Set(EventType.allCases))
        for event in EventSamples.events {
            let decoded = try SyncEventCodec.decode(try SyncEventCodec.encode(event))
            #expect(decoded == event, "\(event.type)")
        }
    }

    @Test("encoding is byte-stable and the headers repeat id, type, version and origin")
    func stableEncodingAndHeaders() throws {
        for event in EventSamples.events {
            #expect(try SyncEventCodec.encode(event) == SyncEventCodec.encode(event))
            let headers = Dictionary(uniqueKeysWithValues: SyncEventCodec.headers(for: event).map { ($0.name, $0.value) })
            #expect(headers["event-id"] == event.id.rawValue)
            #expect(headers["event-type"] == event.type.rawValue)
            #expect(headers["schema-version"] == "1")
            #expect(headers["origin"] == event.origin.rawValue)
        }
        let json = String(decoding: try SyncEventCodec.encode(EventSamples.events[0]), as: UTF8.self)
        #expect(json.contains("\"occurredAt\":\"2025-11-29T00:43:20.123Z\""))
        #expect(json.contains("CPU 使用率过高 🔥"))
    }

    @Test("an issue's events and its replies' events share the record key; Jira events key on the issue id")
    func keysAndTopics() {
        for event in EventSamples.events {
            switch event.origin {
            case .guance:
                #expect(event.key == EventSamples.issueUUID)
                #expect(event.topic == .guanceEvents)
            case .jira:
                #expect(event.key == "10042")
                #expect(event.topic == .jiraEvents)
            }
        }
    }

    @Test("the same source change has the same id however often and whenever it is observed")
    func idIsDeterministic() {
        for body in EventSamples.bodies {
            let first = SyncEvent(body: body, occurredAt: EventSamples.at, observedAt: EventSamples.observed)
            let again = SyncEvent(body: body, occurredAt: EventSamples.at, observedAt: Date())
            #expect(first.id == again.id)
            #expect(first.id.rawValue.range(of: "^ev1-[0-9a-f]{32}$", options: .regularExpression) != nil)
        }
        let ids = EventSamples.events.map(\.id)
        #expect(Set(ids).count == ids.count, "different changes must not share an id")
    }

    @Test("a real change gets a new id")
    func changesGetNewIDs() {
        let base = SyncEvent.Body.guanceIssueSnapshot(EventSamples.snapshot).derivedID
        var renamed = EventSamples.snapshot
        renamed.name += "!"
        #expect(SyncEvent.Body.guanceIssueSnapshot(renamed).derivedID != base)
        var resolved = EventSamples.snapshot
        resolved.statusType = 20
        #expect(SyncEvent.Body.guanceIssueSnapshot(resolved).derivedID != base)
        var touched = EventSamples.snapshot
        touched.updatedAt = EventSamples.at.addingTimeInterval(1)
        #expect(SyncEvent.Body.guanceIssueSnapshot(touched).derivedID != base)

        let created = SyncEvent.Body.guanceReplyCreated(EventSamples.reply).derivedID
        var edited = EventSamples.reply
        edited.content = "改了"
        #expect(SyncEvent.Body.guanceReplyCreated(edited).derivedID == created, "a reply is created once")
        #expect(SyncEvent.Body.guanceReplyEdited(edited).derivedID != SyncEvent.Body.guanceReplyEdited(EventSamples.reply).derivedID)

        let done = JiraStatusChange(issue: EventSamples.jiraIssue, statusId: "3", statusName: "Done", categoryKey: "done",
                                    changedAt: EventSamples.at)
        var doneAgain = done
        doneAgain.changedAt = EventSamples.at.addingTimeInterval(600)
        #expect(SyncEvent.Body.jiraIssueStatusChanged(done).derivedID
                != SyncEvent.Body.jiraIssueStatusChanged(doneAgain).derivedID, "re-resolving later is a new change")
    }

    @Test("invalid payloads are refused with a clear reason")
    func invalidPayloads() throws {
        let valid = try JSONSerialization.jsonObject(with: try SyncEventCodec.encode(EventSamples.events[1])) as! [String: Any]
        func reason(_ mutate: (inout [String: Any]) -> Void) throws -> String {
            var object = valid
            mutate(&object)
            let data = try JSONSerialization.data(withJSONObject: object)
            do {
                _ = try SyncEventCodec.decode(data)
                return "accepted"
            } catch {
                return error.reason
            }
        }
        #expect(try reason { $0["schemaVersion"] = 2 }.contains("schema version 2 is not supported"))
        #expect(try reason { $0["type"] = "guance.issue.exploded" }.contains("unknown event type"))
        #expect(try reason { $0["origin"] = "jira" }.contains("does not match"))
        #expect(try reason { $0["data"] = ["issueUUID": "x"] }.contains("missing field"))
        #expect(try reason { $0["occurredAt"] = "yesterday" }.contains("ISO 8601"))
        #expect(try reason { _ in } == "accepted")
        #expect(throws: SyncEventDecodingError.self) { try SyncEventCodec.decode(Data("{not json".utf8)) }
    }

    @Test("encoded events validate against topics/schemas/sync-event.v1.schema.json")
    func schemaValidation() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, event) in EventSamples.events.enumerated() {
            try SyncEventCodec.encode(event).write(to: directory.appendingPathComponent("valid-\(index).json"))
        }
        // A record that must fail, so the validation itself is shown to bite.
        var broken = try JSONSerialization.jsonObject(with: try SyncEventCodec.encode(EventSamples.events[0])) as! [String: Any]
        broken["origin"] = "jira"
        try JSONSerialization.data(withJSONObject: broken).write(to: directory.appendingPathComponent("invalid-0.json"))

        let schema = TopicCatalogTests.topicsDirectory.appendingPathComponent("schemas/sync-event.v1.schema.json")
        let script = """
            import json, pathlib, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit("python3 package jsonschema is missing: run ops/scripts/install-deps.sh")
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            bad = []
            for path in sorted(pathlib.Path(sys.argv[2]).glob("*.json")):
                errors = list(validator.iter_errors(json.load(open(path))))
                if path.name.startswith("valid") and errors:
                    bad.append(f"{path.name}: {errors[0].message}")
                if path.name.startswith("invalid") and not errors:
                    bad.append(f"{path.name}: accepted but must be refused")
            print("\\n".join(bad) or "ok")
            sys.exit(1 if bad else 0)
            """
        let (status, text) = try await SpawnedProcess.run("/usr/bin/env", ["python3", "-c", script, schema.path, directory.path])
        #expect(status == 0, "\(text)")
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
