import Foundation

/// How big and how long a chaos run is (``ChaosTests``).
struct ChaosProfile: Sendable, CustomStringConvertible {
    var name: String
    /// Guance issues created during the fault phase.
    var issues: Int
    /// Human Guance replies plus human Jira comments.
    var messages: Int
    /// Status changes by people (and the monitor) on either side.
    var statusChanges: Int
    /// How long faults are injected while the workload plays.
    var faultPhase: Duration
    /// How long convergence may take once the faults stop.
    var quietTimeout: Duration
    /// Seconds between two kills of a stage process (drawn uniformly).
    var killInterval: ClosedRange<Double>
    /// Seconds between two broker faults (an outage or a leader move).
    var brokerFaultInterval: ClosedRange<Double>
    /// Share of API calls that fail (both simulators).
    var apiFaultRate: Double
    /// Jira search index lag, seconds.
    var searchLagSeconds: Double

    var description: String {
        "\(name): \(issues) issues, \(messages) replies/comments, \(statusChanges) status changes, \(faultPhase) of faults"
    }

    /// CI: about three minutes on two cores.
    static let short = ChaosProfile(
        name: "short", issues: 30, messages: 90, statusChanges: 40, faultPhase: .seconds(75), quietTimeout: .seconds(240),
        killInterval: 6...14, brokerFaultInterval: 10...20, apiFaultRate: 0.1, searchLagSeconds: 10)

    /// The documented long run (`SYNC_CHAOS_PROFILE=long`): the issue's full workload for an hour.
    static let long = ChaosProfile(
        name: "long", issues: 500, messages: 2_000, statusChanges: 600, faultPhase: .seconds(3_600),
        quietTimeout: .seconds(1_800), killInterval: 10...30, brokerFaultInterval: 20...60, apiFaultRate: 0.1,
        searchLagSeconds: 10)

    /// `SYNC_CHAOS_PROFILE` (`short` by default, `long`).
    static func selected(_ environment: [String: String]) -> ChaosProfile {
        environment["SYNC_CHAOS_PROFILE"] == "long" ? .long : .short
    }

    /// `SYNC_CHAOS_SEEDS`: a comma-separated list, or `random:N` for N fresh seeds; CI's fixed list by default.
    static func seeds(_ environment: [String: String]) -> [UInt64] {
        guard let text = environment["SYNC_CHAOS_SEEDS"], !text.isEmpty else { return [20_261_206] }
        if text.hasPrefix("random:"), let count = Int(text.dropFirst("random:".count)) {
            return (0..<count).map { _ in UInt64.random(in: 1...UInt64(UInt32.max)) }
        }
        return text.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// A small seeded generator (SplitMix64): the same seed plays the same workload and fault schedule.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
