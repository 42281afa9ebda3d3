import Foundation
import PipelineTesting

/// The stage processes of a chaos run: one per slot (the pollers once, each writer twice), each
/// started from its fault-injection build with its own host clock offset, killed and restarted at will.
actor ChaosStages {
    struct Slot: Sendable {
        var stage: String
        var environment: [String: String]
        var process: ChildProcess?
    }

    private let deployment: TestDeployment
    private let configurationPath: String
    private var slots: [Slot]
    private(set) var kills = 0
    /// Processes found exited that the run had not killed: (stage, exit status).
    private var exitedOnTheirOwn: [(stage: String, status: Int32)] = []

    /// The slots: guance-poller, jira-poller, and two replicas of each writer.
    static let layout = ["guance-poller", "jira-poller", "jira-writer", "jira-writer", "guance-writer", "guance-writer"]

    init(deployment: TestDeployment, configurationPath: String, clockOffsets: [Double]) {
        self.deployment = deployment
        self.configurationPath = configurationPath
        slots = zip(Self.layout, clockOffsets).map { stage, offset in
            Slot(stage: stage, environment: [
                "GUANCE_REQUESTS_PER_MINUTE": "100000", "SYNC_FAULT_CLOCK_OFFSET_SECONDS": String(Int(offset)),
                "JIRA_WRITER_SEARCH_RETRY_SECONDS": "2", "GUANCE_WRITER_SETTLE_SECONDS": "2",
                // An unknown create outcome waits until the search must show it: three times the 10 s lag.
                "JIRA_WRITER_CREATE_SETTLE_SECONDS": "30",
            ])
        }
    }

    var count: Int { slots.count }

    /// Starts every slot that has no running process.
    func startAll() throws {
        for index in slots.indices where slots[index].process?.isRunning != true {
            noteIfExitedOnItsOwn(index)
            try start(index)
        }
    }

    /// Records the slot's process when it exited although the run did not kill it.
    private func noteIfExitedOnItsOwn(_ index: Int) {
        guard let process = slots[index].process, !process.isRunning else { return }
        exitedOnTheirOwn.append((slots[index].stage, process.exitStatus ?? -1))
    }

    /// Starts the slots running `stage` only.
    func start(stage: String) throws {
        for index in slots.indices where slots[index].stage == stage && slots[index].process?.isRunning != true {
            try start(index)
        }
    }

    private func start(_ index: Int) throws {
        slots[index].process = try deployment.startStage(
            slots[index].stage, configurationPath: configurationPath, extraEnvironment: slots[index].environment)
    }

    /// SIGKILLs the slot's process and starts it again; answers the stage's name.
    func killAndRestart(_ index: Int) async throws -> String {
        if let process = slots[index].process, process.isRunning {
            process.kill()
            _ = try? await process.waitForExit(timeout: .seconds(10))
            kills += 1
        } else {
            noteIfExitedOnItsOwn(index)
        }
        try start(index)
        return slots[index].stage
    }

    /// Stops the slots running `stages` (SIGTERM, then SIGKILL after 30 s).
    func stop(_ stages: Set<String>) async {
        for index in slots.indices where stages.contains(slots[index].stage) {
            guard let process = slots[index].process else { continue }
            process.terminate()
            if (try? await process.waitForExit(timeout: .seconds(30))) == nil { process.kill() }
            slots[index].process = nil
        }
    }

    /// Stops everything.
    func stopAll() async {
        await stop(Set(Self.layout))
    }

    /// Processes that exited on their own (not killed by the run) at any time so far, with their exit status.
    func crashed() -> [(stage: String, status: Int32)] {
        exitedOnTheirOwn + slots.compactMap { slot in
            guard let process = slot.process, !process.isRunning, let status = process.exitStatus else { return nil }
            return (slot.stage, status)
        }
    }
}
