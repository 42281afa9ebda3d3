import ArgumentParser
import Dispatch
import Foundation
import Kafka

/// `syncctl replay`: moves a stopped consumer group back (or forward) on one topic so its
/// members re-read events after an incident. The writers are idempotent, so re-reading is safe.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Reset a consumer group's offsets on a topic so it re-reads events.",
        discussion: """
            Prints, per partition, the committed offset, the new offset, the end offset and how many \
            messages will be read again, then asks for confirmation (or takes --yes). Refuses while the \
            group has live members: stop that stage first (`docker compose stop jira-writer`). --force \
            skips that check, for members that crashed and have not expired yet; the reset itself still \
            has to take over every partition, so it fails (exit 3) while any member really consumes. \
            On clusters that cannot describe groups (the dev broker) the reset's take-over is the only check.

            \(SyncCtlExitCode.helpText)
            """
    )

    @OptionGroup var cluster: BrokerOptions

    @Option(help: "The consumer group, e.g. guance-jira-sync.jira-writer.")
    var group: String

    @Option(help: "The topic, e.g. guance.events.v1.")
    var topic: String

    @Flag(help: "Re-read everything still retained.")
    var fromBeginning = false

    @Option(help: "Resume every partition at this offset (clamped to what is retained).")
    var fromOffset: Int64?

    @Option(help: "Resume at the first message at or after this time (ISO 8601, e.g. 2026-11-28T22:00:00Z).")
    var fromTime: String?

    @Flag(help: "Proceed although the group reports live members.")
    var force = false

    @Flag(help: "Apply without asking.")
    var yes = false

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: "Seconds to wait for the cluster and for taking over every partition.")
    var timeout = 30

    /// What `--json` prints.
    struct Report: Encodable {
        var plan: ReplayPlan
        var liveMembers: Int?
        var applied: Bool
        var appliedOffsets: [String: Int64]?
    }

    func validate() throws {
        let targets = [fromBeginning, fromOffset != nil, fromTime != nil].filter { $0 }.count
        guard targets == 1 else {
            throw ValidationError("give exactly one of --from-beginning, --from-offset N, --from-time ISO8601")
        }
        if let fromOffset, fromOffset < 0 { throw ValidationError("--from-offset must not be negative") }
        if let fromTime, Self.parseTime(fromTime) == nil {
            throw ValidationError("--from-time: not an ISO 8601 time: \(fromTime) (e.g. 2026-11-28T22:00:00Z)")
        }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
    }

    func run() async throws {
        try await cluster.withAdmin(command: "replay") { admin in try await replay(with: admin) }
    }

    private func replay(with admin: KafkaAdmin) async throws {
        let deadline = Duration.seconds(timeout)
        let (target, description) = try resetTarget()
        let lags = try await admin.lag(group: group, topic: topic, timeout: deadline)
        let plan = ReplayPlan(group: group, topic: topic, target: target, description: description, lags: lags)
        let members = try await liveMembers(admin)
        var report = Report(plan: plan, liveMembers: members?.count, applied: false, appliedOffsets: nil)
        if !json { printPlan(plan, members: members) }

        if let members, !members.isEmpty, !force {
            try refuse(report, "group \(group) has \(members.count) live member(s); stop them first, or pass --force if they crashed")
        }
        guard await confirmed() else {
            if json { try Console.json(report) } else { Console.out("not applied (pass --yes to apply without asking)\n") }
            throw SyncCtlExitCode.notConfirmed
        }
        let offsets: [KafkaTopicPartition: Int64]
        do {
            offsets = try await admin.resetOffsets(group: group, topic: topic, to: target, timeout: deadline)
        } catch let error as KafkaError where error.codeName == "_TIMED_OUT" && error.kind == .consumer {
            try refuse(report, "could not take over every partition of \(topic) within \(timeout) s: group \(group) still has live members")
        }
        report.applied = true
        report.appliedOffsets = Dictionary(uniqueKeysWithValues: offsets.map { (String($0.key.partition), $0.value) })
        if json {
            try Console.json(report)
        } else {
            let moved = offsets.sorted { $0.key.partition < $1.key.partition }.map { "\($0.key.partition)→\($0.value)" }
            Console.out("applied: group \(group) on \(topic) now at \(moved.joined(separator: " "))\n")
        }
    }

    private func refuse(_ report: Report, _ message: String) throws -> Never {
        if json { try Console.json(report) }
        Console.error("syncctl replay: refused: \(message)\n")
        throw SyncCtlExitCode.groupHasLiveMembers
    }

    /// The group's live members, or `nil` when the cluster cannot tell (no ListGroups).
    private func liveMembers(_ admin: KafkaAdmin) async throws -> [KafkaAdmin.GroupDescription.Member]? {
        do {
            return try await admin.describeGroup(group, timeout: .seconds(timeout))?.members ?? []
        } catch let error as KafkaError where error.isUnsupportedByBroker {
            Console.error("note: the cluster cannot describe groups (\(error.codeName ?? "unsupported")); the reset checks for live members instead\n")
            return nil
        }
    }

    private func printPlan(_ plan: ReplayPlan, members: [KafkaAdmin.GroupDescription.Member]?) {
        Console.out("replay of group \(plan.group) on \(plan.topic) from \(plan.target)\n")
        Console.out(plan.table().render())
        let total = plan.totalReRead.map { "\($0) message(s) will be read again" } ?? "the broker resolves the time when applying"
        Console.out("\(total); live members: \(members.map { "\($0.count)" } ?? "unknown")\n")
        for member in members ?? [] {
            Console.out("  member \(member.clientID) from \(member.clientHost) (\(member.memberID))\n")
        }
    }

    /// `--yes`, or "yes" typed at an interactive prompt.
    private func confirmed() async -> Bool {
        if yes { return true }
        guard isatty(STDIN_FILENO) == 1, !json else { return false }
        Console.out("Reset the offsets of \(group) on \(topic) as shown? Type yes to continue: ")
        // readLine() blocks: it runs on a dispatch thread, never on the cooperative pool.
        let answer = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: readLine()) }
        }
        return answer?.trimmingCharacters(in: .whitespaces).lowercased() == "yes"
    }

    private func resetTarget() throws -> (KafkaOffsetResetTarget, String) {
        if fromBeginning { return (.beginning, "the beginning") }
        if let fromOffset { return (.offset(fromOffset), "offset \(fromOffset)") }
        guard let fromTime, let date = Self.parseTime(fromTime) else { throw ValidationError("no replay target") }
        return (.timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down))), fromTime)
    }

    static func parseTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
