import Foundation
import Kafka
import PipelineTesting
import StageRuntime
import SyncCore
import Testing

/// `syncctl links rebuild | list | get` against the Jira simulator and the dev broker.
@Suite("syncctl links", .serialized)
struct LinksCommandTests {
    @Test("rebuilds missing links from Jira labels and properties, keeps a different existing link, reports it")
    func rebuildFromJira() async throws {
        try await OpsHarness.run { harness in try await Self.rebuildFromJira(harness) }
    }

    static func rebuildFromJira(_ harness: OpsHarness) async throws {
        // Labelled as jira-writer labels (configured label + guance-<uuid>), with and without the issue property;
        // one as the old DataFlux Func script did (raw UUID); one with only a routing label; one already linked elsewhere.
        let labelOnly = try await createIssue(harness, labels: ["guance", "guance-issue_aaa"])
        let withProperty = try await createIssue(
            harness, labels: ["guance", "guance-issue_bbb"],
            property: ["issueUuid": "issue_bbb", "origin": "guance", "workspaceUuid": "wksp_1"])
        let legacy = try await createIssue(harness, labels: ["guance", "issue_ccc"], as: "dataflux")
        _ = try await createIssue(harness, labels: ["guance", "guance-prod"])
        let conflicting = try await createIssue(harness, labels: ["guance", "guance-issue_eee"])
        // Not linked: a person's look-alike (label and marker property), and the sync's own issue outside the routed projects.
        let spoof = try await createIssue(
            harness, labels: ["guance", "guance-issue_fff"], property: ["issueUuid": "issue_fff", "origin": "guance"], as: "alice")
        let elsewhere = try await createIssue(harness, labels: ["guance", "guance-issue_ggg"], project: "SUP")
        let syncComment = try await comment(
            harness, on: withProperty.id, property: ["origin": "guance", "replyUuid": "reply_b1", "issueUuid": "issue_bbb"])
        _ = try await comment(harness, on: withProperty.id, property: nil)

        let producer = try KafkaProducer(configuration: harness.kafka.producer, logger: harness.logger)
        let store = try await LinkStore(kafka: harness.kafka, producer: producer, logger: harness.logger)
        try await store.record(LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_eee", jiraIssueId: "999999", jiraIssueKey: "OPS-999", origin: .guance,
            provenance: .created, linkedAt: Date()))
        await store.close()
        await producer.shutdown()

        // Without jira.migrationAccount the old script's issue is not trusted either.
        let withoutMigration = try await harness.syncctl(["links", "rebuild", "--dry-run", "--json"])
        let untrusted = try #require(try withoutMigration.json() as? [String: Any])
        #expect(Set((untrusted["refused"] as? [[String: Any]] ?? []).compactMap { $0["jiraIssueKey"] as? String })
            == [spoof.key, elsewhere.key, legacy.key])
        #expect(((untrusted["plan"] as? [String: Any])?["missing"] as? [Any])?.count == 3)

        let migration = try harness.deployment.writeConfiguration(
            harness.deployment.defaultConfiguration().replacingOccurrences(
                of: "  overlapMinutes: 2\n", with: "  overlapMinutes: 2\n  migrationAccount: 5b10a2844c20165700ede21h\n"),
            name: "migration.yaml")
        let configured = ["SYNC_CONFIG": migration]
        let dryRun = try await harness.syncctl(["links", "rebuild", "--dry-run", "--json"], environment: configured)
        #expect(dryRun.status == 2, "a conflict needs attention: \(dryRun.stdout)")
        let planned = try #require(try dryRun.json() as? [String: Any])
        #expect(planned["written"] as? Int == 0)
        #expect(((planned["plan"] as? [String: Any])?["missing"] as? [Any])?.count == 4)

        let rebuild = try await harness.syncctl(["links", "rebuild", "--json"], environment: configured)
        #expect(rebuild.status == 2)
        let result = try #require(try rebuild.json() as? [String: Any])
        #expect(result["written"] as? Int == 4, "three issue links and one comment link")
        #expect(result["issuesRecognised"] as? Int == 4)
        let refused = try #require(result["refused"] as? [[String: Any]])
        #expect(Set(refused.compactMap { $0["jiraIssueKey"] as? String }) == [spoof.key, elsewhere.key])
        let conflicts = try #require((result["plan"] as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(conflicts.map { $0["key"] as? String } == ["issue/issue_eee"])
        #expect((conflicts.first?["found"] as? String)?.contains(conflicting.key) == true)

        let list = try await harness.syncctl(["links", "list", "--json"])
        let links = try #require(try list.json() as? [[String: Any]])
        func link(_ guance: String) -> [String: Any]? {
            links.first { $0["guanceIssueUUID"] as? String == guance && $0["kind"] as? String == "issue" }
        }
        #expect(link("issue_aaa")?["jiraIssueId"] as? String == labelOnly.id)
        #expect(link("issue_aaa")?["provenance"] as? String == "rebuilt")
        #expect(link("issue_bbb")?["jiraIssueKey"] as? String == withProperty.key)
        #expect(link("issue_ccc")?["jiraIssueId"] as? String == legacy.id)
        #expect(link("issue_eee")?["jiraIssueId"] as? String == "999999", "the existing link is not overwritten")
        #expect(link("prod") == nil)
        #expect(link("issue_fff") == nil && link("issue_ggg") == nil, "refused issues are not linked")

        let get = try await harness.syncctl(["links", "get", "--guance", "issue_bbb", "--json"])
        #expect(get.status == 0)
        let pair = try #require(try get.json() as? [[String: Any]])
        #expect(pair.count == 2)
        #expect(pair.last?["jiraCommentId"] as? String == syncComment)
        #expect(pair.last?["guanceReplyUUID"] as? String == "reply_b1")
        let byJira = try await harness.syncctl(["links", "get", "--jira", legacy.key, "--json"])
        #expect((try byJira.json() as? [[String: Any]])?.first?["guanceIssueUUID"] as? String == "issue_ccc")
        let unknown = try await harness.syncctl(["links", "get", "--guance", "issue_zzz"])
        #expect(unknown.status == 3)

        let again = try await harness.syncctl(["links", "rebuild", "--json"], environment: configured)
        let second = try #require(try again.json() as? [String: Any])
        #expect(second["written"] as? Int == 0, "a second rebuild finds everything linked")
        #expect((second["plan"] as? [String: Any])?["alreadyLinked"] as? Int == 4)
    }

    /// Creates an issue as the sync account, or as `user` (a person in the simulator's UI).
    static func createIssue(
        _ harness: OpsHarness, labels: [String], property: [String: String]? = nil, project: String = "OPS", as user: String? = nil
    ) async throws -> (id: String, key: String) {
        var body: [String: Any] = [
            "fields": [
                "project": ["key": project], "issuetype": ["id": "10004"], "summary": "Guance issue \(labels.last ?? "")",
                "labels": labels,
            ] as [String: Any],
        ]
        if let property { body["properties"] = [["key": "guance.sync", "value": property]] }
        let url = harness.deployment.jiraURL + (user.map { "/__sim/as/\($0)" } ?? "") + "/rest/api/3/issue"
        let created = try #require(
            try await harness.http(.POST, url, json: body, basic: user == nil ? (TestDeployment.jiraEmail, TestDeployment.jiraToken) : nil)
                as? [String: Any])
        return (try #require(created["id"] as? String), try #require(created["key"] as? String))
    }

    static func comment(_ harness: OpsHarness, on issue: String, property: [String: String]?) async throws -> String {
        var body: [String: Any] = [
            "body": [
                "type": "doc", "version": 1,
                "content": [["type": "paragraph", "content": [["type": "text", "text": "looking into it"]]]],
            ] as [String: Any],
        ]
        if let property { body["properties"] = [["key": "guance.sync", "value": property]] }
        let created = try #require(
            try await harness.http(.POST, harness.deployment.jiraURL + "/rest/api/3/issue/\(issue)/comment", json: body) as? [String: Any])
        return try #require(created["id"] as? String)
    }
}
