import Foundation
import PipelineTesting
import Testing

/// The executables the runtime image ships (the four stages and `syncctl`, which every container
/// also runs as its health check) carry no test double: no simulator, no simulator-control client,
/// no Kafka mock cluster, no fault injection. Checked on the built binaries themselves; the
/// development tool and a fault-injection build show that the check finds these when present.
@Suite("production binaries")
struct ProductionBinariesTests {
    /// What gives each test double away in a binary.
    static let markers: [String: String] = [
        "GuanceSimulator": "the Guance simulator (module name)",
        "JiraSimulator": "the Jira simulator (module name)",
        "SimulatorControl": "the simulators' control client (module name)",
        "KafkaMockCluster": "the Kafka mock cluster (type name)",
        "rd_kafka_mock_": "librdkafka's mock-cluster API (C symbols)",
        "FaultInjection": "the fault-injection module (module name)",
        "SYNC_FAULT_CRASH_AT": "the crash-point switch (string)",
    ]

    static let productionExecutables = RuntimeContract.stages + ["syncctl"]

    @Test("a production executable contains no simulator, mock cluster or fault injection", arguments: productionExecutables)
    func productionExecutableIsClean(executable: String) throws {
        let found = try BinaryMarkers.find(Self.markers.keys, in: ChildProcess.executableURL(named: executable))
        #expect(found.isEmpty, "\(executable) links \(found.sorted().map { Self.markers[$0]! }.joined(separator: ", "))")
    }

    @Test("the check finds them where they belong: sync-dev, a stage's fault-injection build")
    func checkFindsTestDoubles() throws {
        let devTool = try BinaryMarkers.find(Self.markers.keys, in: ChildProcess.executableURL(named: "sync-dev"))
        let devDoubles: Set = ["GuanceSimulator", "JiraSimulator", "SimulatorControl", "KafkaMockCluster", "rd_kafka_mock_"]
        #expect(devDoubles.isSubset(of: devTool), "sync-dev: found only \(devTool.sorted())")
        #expect(!devTool.contains("SYNC_FAULT_CRASH_AT"), "sync-dev has no crash points")

        let faultBuild = try BinaryMarkers.find(Self.markers.keys, in: ChildProcess.executableURL(named: "jira-writer-faults"))
        #expect(faultBuild == ["FaultInjection", "SYNC_FAULT_CRASH_AT"], "jira-writer-faults: \(faultBuild.sorted())")
    }

    @Test("the runtime image builds and installs only the production executables")
    func imageHoldsOnlyProductionExecutables() throws {
        let dockerfile = try Repository.text("ops/docker/Dockerfile")
        let productLine = try #require(dockerfile.split(separator: "\n").first { $0.contains("for product in") })
        let installed = productLine.split(separator: ";").first.map { $0.split(separator: " ").map(String.init) } ?? []
        let listed = Set(installed.drop { $0 != "in" }.dropFirst())
        #expect(listed == Set(Self.productionExecutables), "the image installs \(listed.sorted())")
        let runtimeStage = dockerfile.components(separatedBy: "FROM debian:bookworm-slim").last ?? ""
        let fromBuilder = runtimeStage.split(separator: "\n").filter { $0.hasPrefix("COPY --from=builder") }
        #expect(fromBuilder == ["COPY --from=builder /out/ /usr/local/bin/"], "the runtime stage copies \(fromBuilder)")
    }
}
