import APICore
import Foundation
import GuanceAPI
import GuanceSimulator
import Logging
import RichText
import Testing

@Suite("Client end to end against the Guance simulator over HTTP")
struct SimulatorEndToEndTests {
    private static let simulatedKey = GuanceSimulatedAPIKey.jiraSystem
    private static let human = SimulatedActor.defaultMembers[0]

    private static func withSimulator<T: Sendable>(
        behaviour: GuanceSimulatorBehaviour = GuanceSimulatorBehaviour(),
        rateLimits: GuanceRateLimitOptions = GuanceRateLimitOptions(),
        _ body: (GuanceSimulator, String) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "guance-simulator-tests")
        logger.logLevel = .critical
        let options = GuanceSimulatorOptions(
            rateLimits: rateLimits,
            clock: .manual(epochSeconds: 1_764_000_000),
            behaviour: behaviour
        )
        let simulator = GuanceSimulator(options: options, logger: logger)
        return try await simulator.withRunningServer { url in
            try await body(simulator, url.absoluteString)
        }
    }

    private static func client(
        _ simulator: GuanceSimulator,
        _ baseURL: String,
        key: String = simulatedKey.secret,
        clock: (any APIClock)? = nil,
        registry: GuanceRateLimiterRegistry = GuanceRateLimiterRegistry(),
        rateLimit: GuanceRateLimitPolicy = .documentedPerKey,
        retry: GuanceRetryPolicy = .default,
        requestTimeout: Duration = .seconds(10),
        issueListTimeUnit: GuanceTimeUnit = .seconds
    ) -> GuanceClient {
        ClientFactory.make(
            baseURL: baseURL,
            clock: clock ?? SimulatorDrivenClock(simulator: simulator),
            key: GuanceAPIKey(key),
            retry: retry,
            rateLimit: rateLimit,
            registry: registry,
            requestTimeout: requestTimeout,
            issueListTimeUnit: issueListTimeUnit
        )
    }

    @Test("issue lifecycle: add, get, list, modify preserving extend, with change replies")
    func issueLifecycle() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            var extend = GuanceExtend()
            extend.manager = [Self.human.uuid]
            extend.linkList = [GuanceLink(name: "jira", link: "https://jira.example.com/browse/OPS-1")]
            extend.fields["syncMarker"] = .string("keep-me")
            let created = try await client.addIssue(
                GuanceAPI.GuanceIssueDraft(name: "DB down", level: .system(1), description: "<p>boom</p>", extend: extend)
            )
            #expect(created.statusType == .open)
            #expect(created.creator == Self.simulatedKey.id)
            #expect(created.creatorInfo?.name == Self.simulatedKey.name)

            let fetched = try await client.issue(created.uuid)
            #expect(fetched.name == "DB down")
            #expect(fetched.level.uuid == "system_level_1")

            let listed = try await client.issuePages(
                GuanceIssueListQuery(channelUUID: simulator.defaultChannelUUID, filters: [.statusType(.open)])
            ).collectItems()
            #expect(listed.map(\.uuid).contains(created.uuid))

            let resolved = try await client.updateIssue(created.uuid) { change in
                change.statusType = .resolved
            }
            #expect(resolved.statusType == .resolved)
            #expect(resolved.extend.manager == [Self.human.uuid])
            #expect(resolved.extend.linkList.map(\.link) == ["https://jira.example.com/browse/OPS-1"])
            #expect(resolved.extend.fields["syncMarker"] == .string("keep-me"))

            let timeline = try await client.replyPages(issueUUID: created.uuid).collectItems()
            #expect(timeline.contains { $0.type == .change })
        }
    }

    @Test("replies: create, modify, delete, and paging across many pages in both orders")
    func replies() async throws {
        try await Self.withSimulator(rateLimits: GuanceRateLimitOptions(perKeyPerMinute: nil, perWorkspacePerMinute: nil)) {
            simulator, baseURL in
            let client = Self.client(simulator, baseURL, rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 1_000))
            let issue = try simulator.createIssue(SimulatorIssueDraft(name: "paging"), as: Self.human)
            for index in 0..<23 {
                try simulator.addReply(to: issue.uuid, content: "human \(index)", as: Self.human)
                simulator.advanceClock(bySeconds: 1)
            }
            let mine = try await client.createReply(GuanceReplyDraft(issueUUID: issue.uuid, content: "from jira 🚀"))
            #expect(mine.type == .reply)
            #expect(mine.creator == Self.simulatedKey.id)
            let edited = try await client.modifyReply(mine.uuid, GuanceReplyDraft(issueUUID: issue.uuid, content: "edited"))
            #expect(edited.content == "edited")

            let ascending = try await client.replyPages(
                issueUUID: issue.uuid, GuanceReplyListQuery(ordering: "createAt", pageSize: 5)
            ).collectItems()
            let humanReplies = ascending.filter { $0.content.hasPrefix("human ") }.map(\.content)
            #expect(humanReplies == (0..<23).map { "human \($0)" })
            #expect(Set(ascending.map(\.uuid)).count == ascending.count)
            #expect(ascending.last?.uuid == mine.uuid)

            let descending = try await client.replyPages(
                issueUUID: issue.uuid, GuanceReplyListQuery(ordering: "-createAt", pageSize: 7)
            ).collectItems()
            #expect(descending.map(\.uuid) == ascending.map(\.uuid).reversed())

            try await client.deleteReply(mine.uuid)
            let afterDelete = try await client.replyPages(issueUUID: issue.uuid).collectItems()
            #expect(!afterDelete.contains { $0.uuid == mine.uuid })
        }
    }

    @Test("channels skip deleted ones; levels list system and custom levels; the key validates")
    func workspace() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            try await client.validateKey()
            let channels = try await client.channels()
            #expect(channels.contains { $0.isDefault })
            #expect(!channels.contains { $0.name == "retired" })
            #expect(try await client.channels(includeDeleted: true).contains { $0.name == "retired" })
            let levels = try await client.issueLevels()
            #expect(levels.filter(\.isDefault).count == 4)
            #expect(levels.contains { $0.name == "Blocker" && $0.reference.isCustom })
        }
    }

    @Test("a bad key is reported as such (403), without retries")
    func badKey() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL, key: "not-a-key")
            let error = try await #require(throws: GuanceAPIError.self) { try await client.channels() }
            #expect(error.kind == .invalidAPIKey)
            #expect(error.attempts == 1)
            #expect(simulator.stats.totalRequests == 1)
        }
    }

    @Test("with the documented limiter, 50 calls in a row are never throttled")
    func neverThrottled() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            let start = simulator.now
            for _ in 0..<50 { _ = try await client.issueLevels() }
            #expect(simulator.stats.throttled == 0)
            #expect(simulator.stats.totalRequests == 50)
            // 50 calls at 20 per window need at least two full windows of (virtual) time.
            #expect(simulator.now - start >= 120)
        }
    }

    @Test("with a fixed-window server the documented limiter is not throttled either")
    func neverThrottledFixedWindow() async throws {
        try await Self.withSimulator(rateLimits: GuanceRateLimitOptions(window: .fixed)) { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            for _ in 0..<45 { _ = try await client.channels() }
            #expect(simulator.stats.throttled == 0)
        }
    }

    @Test("a misconfigured limiter gets throttled (401) and the client backs off and still completes")
    func throttledAndRecovers() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(
                simulator, baseURL,
                rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 200),
                retry: GuanceRetryPolicy(maxAttempts: 10)
            )
            for _ in 0..<30 { _ = try await client.issueLevels() }
            #expect(simulator.stats.throttledByKey > 0)
            #expect(simulator.stats.count("GET /api/v1/issue-level/list", status: 200) == 30)
        }
    }

    @Test("injected 5xx, malformed JSON and dropped connections on reads are retried")
    func readFaults() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL, retry: GuanceRetryPolicy(maxAttempts: 5))
            simulator.injectFault(GuanceFault(.status(503), pathContains: "/issue/list", count: 2))
            simulator.injectFault(GuanceFault(.malformedJSON, pathContains: "/issue/list", count: 1))
            simulator.injectFault(GuanceFault(.dropConnection, pathContains: "/issue/list", count: 1))
            let page = try await client.listIssues(GuanceIssueListQuery())
            #expect(page.items.isEmpty)
            #expect(simulator.stats.injectedFaults == 4)
        }
    }

    @Test("throttling injected on a write is retried; a dropped write reports an unknown outcome")
    func writeFaults() async throws {
        try await Self.withSimulator { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            let issue = try simulator.createIssue(SimulatorIssueDraft(name: "w"), as: Self.human)
            simulator.injectFault(GuanceFault(.throttleWorkspace, pathContains: "/reply/create", count: 1))
            _ = try await client.createReply(GuanceReplyDraft(issueUUID: issue.uuid, content: "one"))
            #expect(simulator.replies(of: issue.uuid).filter { $0.content == "one" }.count == 1)

            simulator.injectFault(GuanceFault(.dropConnection, pathContains: "/reply/create", count: 1))
            let error = try await #require(throws: GuanceAPIError.self) {
                try await client.createReply(GuanceReplyDraft(issueUUID: issue.uuid, content: "two"))
            }
            #expect(error.isOutcomeUnknown)
            #expect(!error.isRetriable)
        }
    }

    @Test("latency beyond the request timeout is a transport error, retried on reads")
    func latency() async throws {
        try await Self.withSimulator { simulator, baseURL in
            // A timeout far above a loaded machine's response times, a delay far above the timeout:
            // the outcome does not depend on how fast the machine is.
            let client = Self.client(simulator, baseURL, requestTimeout: .seconds(3))
            simulator.injectFault(GuanceFault(.latency(.seconds(10)), pathContains: "quick_list", count: 1))
            let channels = try await client.channels()
            #expect(!channels.isEmpty)
        }
    }

    @Test("unknown issues are not found, whichever status the server uses")
    func notFound() async throws {
        for status in [404, 403] {
            var behaviour = GuanceSimulatorBehaviour()
            behaviour.notFoundStatus = status
            try await Self.withSimulator(behaviour: behaviour) { simulator, baseURL in
                let client = Self.client(simulator, baseURL)
                let error = try await #require(throws: GuanceAPIError.self) { try await client.issue("issue_missing") }
                #expect(error.kind == .notFound)
            }
        }
    }

    @Test("legacy integer levels, null/-1 timestamps and fractional seconds decode")
    func legacyShapes() async throws {
        for rendering in GuanceSimulatorBehaviour.NeverUpdatedRendering.allCases {
            var behaviour = GuanceSimulatorBehaviour()
            behaviour.levelFormat = .legacyInteger
            behaviour.fractionalTimestamps = true
            behaviour.neverUpdatedRendering = rendering
            try await Self.withSimulator(behaviour: behaviour) { simulator, baseURL in
                let client = Self.client(simulator, baseURL)
                let made = try simulator.createIssue(
                    SimulatorIssueDraft(name: "legacy", level: "system_level_2"), as: Self.human
                )
                let issue = try await client.issue(made.uuid)
                #expect(issue.level.systemIndex == 2)
                #expect(issue.createdAt != nil)
                if rendering != .createAt { #expect(issue.updatedAt == nil) }
            }
        }
    }

    @Test("a server that caps pageSize still yields every issue")
    func cappedPageSize() async throws {
        var behaviour = GuanceSimulatorBehaviour()
        behaviour.maxPageSize = 10
        try await Self.withSimulator(behaviour: behaviour, rateLimits: GuanceRateLimitOptions(perKeyPerMinute: nil)) {
            simulator, baseURL in
            let client = Self.client(simulator, baseURL, rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 1_000))
            for index in 0..<35 {
                try simulator.createIssue(SimulatorIssueDraft(name: "i\(index)"), as: Self.human)
            }
            let issues = try await client.issuePages(GuanceIssueListQuery(pageSize: 50)).collectItems()
            #expect(Set(issues.map(\.uuid)).count == 35)
        }
    }

    @Test("a tenant without statuses 15/25 rejects them; the legacy fallback is accepted")
    func legacyStatuses() async throws {
        var behaviour = GuanceSimulatorBehaviour()
        behaviour.acceptsExtendedStatusTypes = false
        try await Self.withSimulator(behaviour: behaviour) { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            let made = try simulator.createIssue(SimulatorIssueDraft(name: "s"), as: Self.human)
            let error = try await #require(throws: GuanceAPIError.self) {
                try await client.updateIssue(made.uuid) { $0.statusType = .closed }
            }
            #expect(error.kind == .rejected)
            let closed = try await client.updateIssue(made.uuid) { $0.statusType = GuanceStatusType.closed.legacyFallback }
            #expect(closed.statusType == .resolved)
        }
    }

    @Test("deployments following old required-field rules: full list query and resent name/level/description")
    func oldRequiredFields() async throws {
        var behaviour = GuanceSimulatorBehaviour()
        behaviour.issueListRequiresAllFields = true
        behaviour.modifyRequiresNameLevelDescription = true
        try await Self.withSimulator(behaviour: behaviour) { simulator, baseURL in
            let client = Self.client(simulator, baseURL)
            let made = try simulator.createIssue(
                SimulatorIssueDraft(name: "old rules", description: "<p>d</p>", level: "system_level_1"), as: Self.human
            )
            let sparse = try await #require(throws: GuanceAPIError.self) {
                try await client.listIssues(GuanceIssueListQuery())
            }
            #expect(sparse.kind == .rejected)
            let now = Date(timeIntervalSince1970: simulator.now)
            let full = GuanceIssueListQuery(
                channelUUID: simulator.defaultChannelUUID, startTime: now.addingTimeInterval(-3_600), endTime: now
            )
            #expect(try await client.listIssues(full).items.map(\.uuid) == [made.uuid])

            let bare = try await #require(throws: GuanceAPIError.self) {
                try await client.updateIssue(made.uuid) { $0.statusType = .pending }
            }
            #expect(bare.kind == .rejected)
            let updated = try await client.updateIssue(made.uuid, resendingNameLevelAndDescription: true) {
                $0.statusType = .pending
            }
            #expect(updated.statusType == .pending)
            #expect(updated.name == "old rules")
            #expect(updated.level.uuid == "system_level_1")
            #expect(updated.descriptionHTML == "<p>d</p>")
        }
    }

    @Test(
        "issue list works with either content shape and either window unit",
        arguments: GuanceSimulatorBehaviour.IssueListShape.allCases,
        [GuanceSimulatorBehaviour.TimeWindowUnit.seconds, .milliseconds]
    )
    func listShapesAndUnits(
        shape: GuanceSimulatorBehaviour.IssueListShape,
        unit: GuanceSimulatorBehaviour.TimeWindowUnit
    ) async throws {
        var behaviour = GuanceSimulatorBehaviour()
        behaviour.issueListShape = shape
        behaviour.timeWindowUnit = unit
        try await Self.withSimulator(behaviour: behaviour) { simulator, baseURL in
            let client = Self.client(
                simulator, baseURL, issueListTimeUnit: unit == .milliseconds ? .milliseconds : .seconds
            )
            let old = try simulator.createIssue(SimulatorIssueDraft(name: "old"), as: Self.human)
            simulator.advanceClock(bySeconds: 7_200)
            var recent: [String] = []
            for index in 0..<12 {
                recent.append(try simulator.createIssue(SimulatorIssueDraft(name: "new \(index)"), as: Self.human).uuid)
            }
            let now = Date(timeIntervalSince1970: simulator.now)
            let query = GuanceIssueListQuery(startTime: now.addingTimeInterval(-600), endTime: now, pageSize: 5)
            let listed = try await client.issuePages(query).collectItems().map(\.uuid)
            #expect(Set(listed) == Set(recent))
            #expect(!listed.contains(old.uuid))
        }
    }

    @Test(
        "two clients of one key share the budget through the registry; separate registries get throttled",
        arguments: [true, false]
    )
    func sharedBudgetAcrossClients(shareRegistry: Bool) async throws {
        try await Self.withSimulator { simulator, baseURL in
            let clock = SimulatorDrivenClock(simulator: simulator)
            let registry = GuanceRateLimiterRegistry()
            let retry = GuanceRetryPolicy(maxAttempts: 10)
            let first = Self.client(simulator, baseURL, clock: clock, registry: registry, retry: retry)
            let second = Self.client(
                simulator, baseURL, clock: clock, registry: shareRegistry ? registry : GuanceRateLimiterRegistry(), retry: retry
            )
            for _ in 0..<25 {
                _ = try await first.issueLevels()
                _ = try await second.issueLevels()
            }
            #expect(simulator.stats.count("GET /api/v1/issue-level/list", status: 200) == 50)
            if shareRegistry {
                #expect(simulator.stats.throttled == 0)
                #expect(first.rateLimiter === second.rateLimiter)
            } else {
                #expect(simulator.stats.throttledByKey > 0)
            }
        }
    }
}
