import Foundation
import SimulatorControl

/// The faults of a chaos run, drawn from the seed: SIGKILLs of random stage processes, broker
/// outages and partition leader moves through the dev broker's control API, and random API faults
/// in both simulators for the whole fault phase.
actor ChaosFaults {
    private let stages: ChaosStages
    private let control: SimulatorControl
    private let brokerControl: String
    private var random: SeededGenerator
    private(set) var counts: [String: Int] = [:]
    /// What happened, in order (printed for a failing seed).
    private(set) var timeline: [String] = []
    private let started = ContinuousClock.now
    private var brokerFaults = 0

    static let topics = ["guance.events.v1", "jira.events.v1", "sync.links.v1", "sync.status.v1", "sync.checkpoints.v1"]

    init(stages: ChaosStages, control: SimulatorControl, brokerControl: String, seed: UInt64) {
        self.stages = stages
        self.control = control
        self.brokerControl = brokerControl
        random = SeededGenerator(seed: seed ^ 0xC4A0_5C4A_05C4_A05C)
    }

    /// Injects faults until `phase` has passed, then lifts them all (brokers up, API faults off).
    func run(_ profile: ChaosProfile) async throws {
        try await apiFaults(rate: profile.apiFaultRate)
        let end = ContinuousClock.now + profile.faultPhase
        var nextKill = ContinuousClock.now + .seconds(Double.random(in: profile.killInterval, using: &random))
        var nextBroker = ContinuousClock.now + .seconds(Double.random(in: profile.brokerFaultInterval, using: &random))
        while ContinuousClock.now < end {
            if ContinuousClock.now >= nextKill {
                let stage = try await stages.killAndRestart(Int.random(in: 0..<ChaosStages.layout.count, using: &random))
                note("SIGKILL \(stage)", counting: "kills")
                nextKill = ContinuousClock.now + .seconds(Double.random(in: profile.killInterval, using: &random))
            }
            if ContinuousClock.now >= nextBroker {
                try await brokerFault()
                nextBroker = ContinuousClock.now + .seconds(Double.random(in: profile.brokerFaultInterval, using: &random))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        try await apiFaults(rate: 0)
        for broker in 1...3 { _ = try await control.call(brokerControl + "/brokers/\(broker)/up", idempotent: true) }
        note("faults lifted", counting: nil)
    }

    /// The consumer groups of the writers, whose coordinator is pinned to ``coordinatorBroker``.
    static let writerGroups = ["guance-jira-sync.jira-writer", "guance-jira-sync.guance-writer"]
    /// The broker that coordinates the writer groups and is never taken down.
    ///
    /// librdkafka 2.0.2's mock cluster aborts (`rd_assert(!member->resp)` in
    /// `rd_kafka_mock_cgrp_member_sync_set`) when a member sends SyncGroup again after its
    /// coordinator connection dropped while the group was syncing: the whole dev broker dies, a
    /// defect of the mock, not of a real Kafka (seen once, CI of stop 23). Outages therefore hit
    /// partition leaders only (brokers 2 and 3); coordinator failover is left to real clusters.
    static let coordinatorBroker = 1

    /// Pins the writer groups' coordinator to ``coordinatorBroker`` (before the stages join).
    static func pinGroupCoordinators(brokerControl: String, control: SimulatorControl) async throws {
        for group in writerGroups {
            _ = try await control.call(
                brokerControl + "/coordinators", body: ["group": group, "broker": coordinatorBroker], idempotent: true)
        }
    }

    /// A broker down for 2–6 s (never the writer groups' coordinator), or a partition leader moved
    /// to any broker (in turn).
    private func brokerFault() async throws {
        let broker = Int.random(in: 1...3, using: &random)
        brokerFaults += 1
        if brokerFaults.isMultiple(of: 2) {
            let outage = Double.random(in: 2...6, using: &random)
            let target = broker == Self.coordinatorBroker ? broker % 3 + 1 : broker
            _ = try await control.call(brokerControl + "/brokers/\(target)/down", idempotent: true)
            note("broker \(target) down for \(Int(outage)) s", counting: "broker outages")
            try await Task.sleep(for: .seconds(outage))
            _ = try await control.call(brokerControl + "/brokers/\(target)/up", idempotent: true)
        } else {
            let topic = Self.topics.randomElement(using: &random)!
            let partition = Int.random(in: 0..<3, using: &random)
            do {
                _ = try await control.call(
                    brokerControl + "/leaders", body: ["topic": topic, "partition": partition, "broker": broker])
                note("leader of \(topic)[\(partition)] → broker \(broker)", counting: "leader moves")
            } catch {
                note("leader move refused: \(error)", counting: nil)
            }
        }
    }

    private func apiFaults(rate: Double) async throws {
        _ = try await control.call(control.guanceURL + "/__sim/random-faults", body: ["rate": rate], idempotent: true)
        _ = try await control.call(control.jiraURL + "/__sim/random-faults", body: ["rate": rate], idempotent: true)
    }

    private func note(_ event: String, counting key: String?) {
        if let key { counts[key, default: 0] += 1 }
        let seconds = (ContinuousClock.now - started).components.seconds
        timeline.append("+\(seconds)s \(event)")
    }
}
