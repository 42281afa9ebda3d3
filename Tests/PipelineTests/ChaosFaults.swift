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

    /// A broker down for 2–6 s, or a partition leader moved (in turn).
    private func brokerFault() async throws {
        let broker = Int.random(in: 1...3, using: &random)
        brokerFaults += 1
        if brokerFaults.isMultiple(of: 2) {
            let outage = Double.random(in: 2...6, using: &random)
            _ = try await control.call(brokerControl + "/brokers/\(broker)/down", idempotent: true)
            note("broker \(broker) down for \(Int(outage)) s", counting: "broker outages")
            try await Task.sleep(for: .seconds(outage))
            _ = try await control.call(brokerControl + "/brokers/\(broker)/up", idempotent: true)
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
