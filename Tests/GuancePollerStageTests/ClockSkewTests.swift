import Foundation
import GuanceAPI
import Logging
import StageClients
import StageRuntime
import SyncCore
import Testing

@testable import GuancePollerStage

/// The host's clock minutes off Guance's (issue 13, "local clock as cursor"). guance-poller took its
/// start time and cursor from the host: with the host 10 minutes ahead and a 2-minute overlap, an
/// issue Guance stamped after the start counted as history, and every later window started after
/// what Guance had just stamped. Now "now" is Guance's, from the `Date` of its answers.
///
/// The poller's cycles run in this process with a shifted host clock (the `now` the engine would
/// pass), against the Guance simulator over HTTP, whose `Date` is the true time.
@Suite("guance-poller: the host's clock minutes off Guance's")
struct ClockSkewTests {
    @Test("new issues, replies and changes are synced with the host 10 minutes ahead of or behind Guance", arguments: [600.0, -600.0])
    func skewedHostClock(hostAheadSeconds: Double) async throws {
        try await PollerDeployment.with(requestsPerMinute: 600) { setup in
            let environment = try setup.deployment.environment(configurationPath: setup.configurationPath)
            let context = StageContext(
                stage: "guance-poller", logger: Logger(label: "clock-skew-tests"),
                kafka: StageKafka(brokers: [setup.deployment.bootstrap], clientID: "clock-skew-tests"),
                configuration: try SyncConfiguration.load(path: setup.configurationPath), environment: environment,
                readiness: Readiness())
            let hostNow: @Sendable () -> Date = { Date().addingTimeInterval(hostAheadSeconds) }
            var configuration = GuanceClientConfiguration(
                baseURL: setup.deployment.guanceURL, apiKey: GuanceAPIKey(try Self.key(environment)),
                rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 600), userAgent: "clock-skew-tests")
            configuration.hostClock = hostNow
            let client = GuanceClient(httpClient: StageHTTPClient.shared, configuration: configuration, logger: context.logger)
            var policy = GuancePollerPolicy(
                settings: PollerSettings(context: context, requestsPerMinute: 600), pool: GuanceClientPool(primary: client),
                channels: [ChannelSelection.Channel(configured: "default", uuid: nil)], context: context)
            var progress = policy.initialState(now: hostNow())
            policy.resume(&progress, from: .firstStart, now: hostNow())
            var published: [SyncEvent] = []
            // Each cycle's `now` is 1.5 s later than the last one's on top of the real time elapsed, so
            // the next windowed list is due (pollIntervalSeconds: 1) without waiting.
            var tick = 0.0
            /// Runs cycles (at most `limit`) until `done` holds for what was published.
            func cycles(limit: Int = 6, until done: ([SyncEvent]) -> Bool) async throws -> Bool {
                for _ in 0..<limit {
                    tick += 1.5
                    let cycle = try await policy.cycle(from: progress, now: hostNow().addingTimeInterval(tick))
                    progress = cycle.state
                    published += cycle.events
                    if done(published) { return true }
                }
                return done(published)
            }
            func snapshots(of issue: String) -> Int {
                published.filter { if case .guanceIssueSnapshot(let snapshot) = $0.body { snapshot.issueUUID == issue } else { false } }.count
            }

            let first = try await setup.guance.createIssue(name: "时钟偏差：新问题 A", description: "<p>A</p>")
            #expect(try await cycles { _ in snapshots(of: first) == 1 }, "an issue created at the start was not published: \(published.map(\.type))")

            let second = try await setup.guance.createIssue(name: "时钟偏差：新问题 B", description: "<p>B</p>")
            let reply = try await setup.guance.addReply(to: first, content: "<p>偏差下的回复</p>")
            try await setup.guance.modifyIssue(first, ["name": .string("时钟偏差：A 改名")])
            let later = try await cycles { events in
                snapshots(of: second) == 1 && snapshots(of: first) == 2
                    && events.contains { if case .guanceReplyCreated(let change) = $0.body { change.replyUUID == reply } else { false } }
            }
            #expect(later, "later changes were not all published: \(published.map(\.type))")
            #expect(client.serviceClock.offsetSeconds.map { abs($0 + hostAheadSeconds) < 5 } == true,
                "offset \(String(describing: client.serviceClock.offsetSeconds)) for a host \(hostAheadSeconds) s ahead")
        }
    }

    /// The simulator's key, from the file the test environment names.
    static func key(_ environment: [String: String]) throws -> String {
        let path = try #require(environment["GUANCE_API_KEY_FILE"])
        return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
