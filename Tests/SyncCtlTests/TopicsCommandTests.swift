import Foundation
import SyncCore
import Testing

/// `syncctl topics apply | list` against a dev broker that already holds every topic of `topics/`
/// (the mock cluster cannot CreateTopics, so creation itself is exercised only as a plan).
@Suite("syncctl topics", .serialized)
struct TopicsCommandTests {
    @Test("apply finds nothing to do on a matching cluster, twice, as a table and as JSON")
    func applyIsIdempotent() async throws {
        let fixture = try await OperationsFixture()
        let catalog = OperationsFixture.repository.appendingPathComponent("topics").path
        let arguments = ["topics", "apply", "--brokers", fixture.bootstrap, "--catalog", catalog, "--max-replication-factor", "1"]
        for _ in 0..<2 {
            let (status, output) = try await fixture.syncctl(arguments)
            #expect(status == 0, "\(output)")
            #expect(output.contains("nothing to do"), "\(output)")
            #expect(output.contains("guance.events.v1") && output.contains("sync.dead-letters.v1"))
        }
        let (status, report) = try await fixture.syncctlJSON(arguments)
        #expect(status == 0)
        #expect(report["nothingToDo"] as? Bool == true)
        #expect((report["created"] as? [Any])?.isEmpty == true)
        let topics = try #require(report["topics"] as? [[String: Any]])
        #expect(topics.count == SyncTopic.allCases.count)
        #expect(topics.allSatisfy { $0["action"] as? String == "none" })
        try await fixture.stop()
    }

    @Test("a replication factor the single broker does not have is drift (exit 2) unless capped")
    func uncappedReplicationIsDrift() async throws {
        let fixture = try await OperationsFixture()
        let catalog = OperationsFixture.repository.appendingPathComponent("topics").path
        let (status, output) = try await fixture.syncctl(["topics", "apply", "--brokers", fixture.bootstrap, "--catalog", catalog, "--dry-run"])
        #expect(status == 2, "\(output)")
        #expect(output.contains("drift: guance.events.v1: replication factor 1 on the cluster, 3 wanted"), "\(output)")
        try await fixture.stop()
    }

    @Test("--dry-run plans a missing topic without creating it; apply then reports the broker cannot create it")
    func dryRunPlansMissingTopics() async throws {
        let fixture = try await OperationsFixture()
        let catalog = try OperationsFixture.catalogCopy { files in
            files["ops.test.v1.yaml"] = files["sync.dead-letters.v1.yaml"]?
                .replacingOccurrences(of: "name: sync.dead-letters.v1", with: "name: ops.test.v1")
        }
        defer { try? FileManager.default.removeItem(at: catalog) }
        let base = ["topics", "apply", "--brokers", fixture.bootstrap, "--catalog", catalog.path, "--max-replication-factor", "1"]

        let (status, output) = try await fixture.syncctl(base + ["--dry-run"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("dry run: would create ops.test.v1"), "\(output)")

        let (listStatus, list) = try await fixture.syncctl(["topics", "list", "--brokers", fixture.bootstrap, "--catalog", catalog.path, "--max-replication-factor", "1", "--json"])
        #expect(listStatus == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]], "\(list)")
        let planned = try #require(entries.first { $0["topic"] as? String == "ops.test.v1" })
        #expect(planned["action"] as? String == "create", "the dry run must not have created it")
        #expect(planned["actualPartitions"] is NSNull || planned["actualPartitions"] == nil)

        let (applyStatus, _) = try await fixture.syncctl(base + ["--timeout", "3"])
        #expect(applyStatus == 1, "the mock cluster has no CreateTopics: apply must fail, not pretend")
        try await fixture.stop()
    }

    @Test("partition counts that differ from the cluster are drift apply will not fix (exit 2)", arguments: [6, 24])
    func partitionDrift(partitions: Int) async throws {
        let fixture = try await OperationsFixture()
        let catalog = try OperationsFixture.catalogCopy { files in
            files["guance.events.v1.yaml"] = files["guance.events.v1.yaml"]?
                .replacingOccurrences(of: "partitions: 12", with: "partitions: \(partitions)")
        }
        defer { try? FileManager.default.removeItem(at: catalog) }
        let arguments = ["topics", "apply", "--brokers", fixture.bootstrap, "--catalog", catalog.path, "--max-replication-factor", "1"]
        let (status, output) = try await fixture.syncctl(arguments)
        #expect(status == 2, "\(output)")
        let expected = partitions < 12 ? "Kafka cannot remove partitions" : "grow it by hand with the writers drained"
        #expect(output.contains("drift: guance.events.v1:") && output.contains(expected), "\(output)")
        #expect(output.contains("12 (want \(partitions))"), "\(output)")

        let (jsonStatus, report) = try await fixture.syncctlJSON(arguments)
        #expect(jsonStatus == 2)
        #expect((report["drift"] as? [String])?.count == 1)
        #expect(report["nothingToDo"] as? Bool == false)
        try await fixture.stop()
    }

    @Test("an unreadable catalogue is a configuration problem (78); no brokers is a usage error (64)")
    func configurationAndUsageErrors() async throws {
        let fixture = try await OperationsFixture()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let (catalogStatus, _) = try await fixture.syncctl(["topics", "apply", "--brokers", fixture.bootstrap, "--catalog", empty.path])
        #expect(catalogStatus == 78)
        let catalog = OperationsFixture.repository.appendingPathComponent("topics").path
        let (usageStatus, _) = try await fixture.syncctl(["topics", "apply", "--brokers", "", "--catalog", catalog])
        #expect(usageStatus == 64)
        try await fixture.stop()
    }
}
