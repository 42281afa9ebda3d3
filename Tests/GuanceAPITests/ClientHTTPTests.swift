import AsyncHTTPClient
import Foundation
import GuanceAPI
import Logging
import RichText
import PipelineTesting
import Testing

@Suite("Client over HTTP against a scripted stub")
struct ClientHTTPTests {
    private static let ok = #"{"code":200,"content":true,"errorCode":"","message":"","success":true,"traceId":"T"}"#

    private static func envelope(_ content: String) -> String {
        #"{"code":200,"content":\#(content),"errorCode":"","message":"","success":true,"traceId":"T-OK"}"#
    }

    @Test("requests carry the key header, JSON body and the documented route; the answer is decoded")
    func requestShape() async throws {
        let page = Fixtures.issueListEnvelope(
            items: [Fixtures.issueNewStyle], pageIndex: 1, pageSize: 100, totalCount: 1, traceId: "TRACE-1"
        )
        try await StubServer.with({ _, _ in .answer(status: 200, body: page) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL + "/")
            let result = try await client.listIssues(GuanceIssueListQuery(channelUUID: "chan_default", search: "db"))
            #expect(result.items.map(\.uuid) == ["issue_7b1f0001"])
            #expect(result.pageInfo?.totalCount == 1)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/issue/list")
            #expect(request.apiKeyHeader == ClientFactory.apiKey.headerValue)
            #expect(request.contentType?.hasPrefix("application/json") == true)
            let body = try JSONDecoder().decode(JSONValue.self, from: Data(request.body.utf8))
            #expect(body["channelUUID"] == .string("chan_default"))
            #expect(body["search"] == .string("db"))
        }
    }

    @Test("throttled reads pause the key and are retried; the pause is at least the throttle backoff")
    func throttledRead() async throws {
        let throttle = Fixtures.throttled(scope: "Ak")
        let success = Self.envelope("[]")
        try await StubServer.with({ _, index in
            index < 2 ? .answer(status: 401, body: throttle) : .answer(status: 200, body: success)
        }) { server, baseURL in
            let clock = JumpingClock()
            let client = ClientFactory.make(baseURL: baseURL, clock: clock)
            let levels = try await client.issueLevels()
            #expect(levels.isEmpty)
            #expect(server.requests.count == 3)
            let policy = GuanceRetryPolicy.default
            #expect(clock.elapsed >= policy.throttleBaseDelay / 2 + policy.throttleBaseDelay)
        }
    }

    @Test("throttling on a write is retried: the server refused it, so nothing was created")
    func throttledWrite() async throws {
        let throttle = Fixtures.throttled(scope: "Workspace")
        let created = Self.envelope(Fixtures.minimalIssue("issue_new"))
        try await StubServer.with({ _, index in
            index == 0 ? .answer(status: 401, body: throttle) : .answer(status: 200, body: created)
        }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let issue = try await client.addIssue(GuanceIssueDraft(name: "t", description: "d"))
            #expect(issue.uuid == "issue_new")
            #expect(server.requests.count == 2)
        }
    }

    @Test("persistent throttling surfaces as throttled after maxAttempts")
    func persistentThrottle() async throws {
        let throttle = Fixtures.throttled(scope: "Ak")
        try await StubServer.with({ _, _ in .answer(status: 401, body: throttle) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL, retry: GuanceRetryPolicy(maxAttempts: 3))
            let error = try await #require(throws: GuanceAPIError.self) { try await client.channels() }
            #expect(error.kind == .throttled(.apiKey))
            #expect(error.attempts == 3)
            #expect(error.traceId == "T-401")
            #expect(server.requests.count == 3)
        }
    }

    @Test("a bad key fails at once, and the key appears nowhere in the error")
    func badKey() async throws {
        try await StubServer.with({ _, _ in .answer(status: 403, body: Fixtures.invalidKey) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let error = try await #require(throws: GuanceAPIError.self) { try await client.validateKey() }
            #expect(error.kind == .invalidAPIKey)
            #expect(!error.isRetriable)
            #expect(server.requests.count == 1)
            #expect(!"\(error)".contains(ClientFactory.apiKey.headerValue))
            #expect(!String(reflecting: error).contains(ClientFactory.apiKey.headerValue))
        }
    }

    @Test("trace-level logs of successes, retries and failures never contain the key")
    func keyNeverLogged() async throws {
        let lines = LockedBox<[String]>([])
        let logger = Logger(label: "recording") { _ in RecordingLogHandler(lines: lines) }
        let throttle = Fixtures.throttled(scope: "Ak")
        try await StubServer.with({ _, index in
            switch index {
            case 0: .answer(status: 401, body: throttle)
            case 1: .answer(status: 200, body: Self.ok)
            default: .answer(status: 403, body: Fixtures.invalidKey)
            }
        }) { _, baseURL in
            let client = ClientFactory.make(baseURL: baseURL, logger: logger)
            try await client.validateKey()
            _ = try? await client.validateKey()
        }
        let logged = lines.value
        #expect(logged.count >= 4)
        #expect(logged.contains { $0.contains(ClientFactory.apiKey.fingerprint) })
        #expect(!logged.contains { $0.contains(ClientFactory.apiKey.headerValue) })
    }

    @Test("5xx on reads is retried with backoff up to maxAttempts")
    func serverErrorRead() async throws {
        let failure = #"{"code":503,"content":null,"errorCode":"InternalError","message":"","success":false,"traceId":"T-503"}"#
        try await StubServer.with({ _, _ in .answer(status: 503, body: failure) }) { server, baseURL in
            let clock = JumpingClock()
            let client = ClientFactory.make(baseURL: baseURL, clock: clock)
            let error = try await #require(throws: GuanceAPIError.self) { try await client.issue("issue_1") }
            #expect(error.kind == .serverError)
            #expect(error.attempts == 4)
            #expect(server.requests.count == 4)
            #expect(clock.waits.count == 3)
            #expect(error.isRetriable)
        }
    }

    @Test(
        "writes that may have reached the server are not retried and report an unknown outcome",
        arguments: [StubReply.answer(status: 502, body: "<html>bad gateway</html>"), .dropConnection,
                    .answer(status: 200, body: "<html>proxy</html>")]
    )
    func ambiguousWrites(reply: StubReply) async throws {
        try await StubServer.with({ _, _ in reply }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let error = try await #require(throws: GuanceAPIError.self) {
                try await client.createReply(GuanceReplyDraft(issueUUID: "issue_1", content: "hello"))
            }
            #expect(error.isOutcomeUnknown)
            #expect(!error.isRetriable)
            #expect(server.requests.count == 1)
        }
    }

    @Test("malformed bodies and dropped connections on reads are retried")
    func readFaultsRetried() async throws {
        let replies = Self.envelope("[]")
        try await StubServer.with({ _, index in
            switch index {
            case 0: .answer(status: 200, body: #"{"code":200,"content":[{"uu"#)
            case 1: .dropConnection
            default: .answer(status: 200, body: replies)
            }
        }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let page = try await client.listReplies(issueUUID: "issue_1")
            #expect(page.items.isEmpty)
            #expect(server.requests.count == 3)
        }
    }

    @Test("a timed-out read is retried, then reported as a transport error")
    func timeout() async throws {
        try await StubServer.with({ _, _ in .delayed(.seconds(10), status: 200, body: Self.ok) }) { server, baseURL in
            let client = ClientFactory.make(
                baseURL: baseURL, retry: GuanceRetryPolicy(maxAttempts: 2), requestTimeout: .seconds(1)
            )
            let error = try await #require(throws: GuanceAPIError.self) { try await client.issueLevels() }
            #expect(error.kind == .transport)
            #expect(error.attempts == 2)
            // A loaded machine may time an attempt out before the stub even reads it.
            #expect(server.requests.count <= 2)
        }
    }

    @Test("a refused connection proves nothing was sent, so even issue add is retried")
    func connectionRefused() async throws {
        let refusing = try RefusingPort()
        let deadURL = refusing.baseURL
        // Without this AHC keeps retrying the connection until the deadline, which is ambiguous.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = ClientFactory.make(baseURL: deadURL, httpClient: httpClient, retry: GuanceRetryPolicy(maxAttempts: 2))
        var failure: (any Error)?
        do {
            _ = try await client.addIssue(GuanceIssueDraft(name: "x", description: "y"))
        } catch {
            failure = error
        }
        try await httpClient.shutdown()
        withExtendedLifetime(refusing) {}
        let error = try #require(failure as? GuanceAPIError)
        #expect(error.kind == .transport)
        #expect(error.attempts == 2)
        #expect(!error.isOutcomeUnknown)
    }

    @Test("issue pages are fetched until totalCount, with increasing pageIndex")
    func paging() async throws {
        let total = 23
        try await StubServer.with({ request, _ in
            let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(request.body.utf8))) ?? .null
            let index = Int(body["pageIndex"]?.intValue ?? 1)
            let size = Int(body["pageSize"]?.intValue ?? 100)
            let start = (index - 1) * size
            let items = (start..<min(start + size, total)).map { Fixtures.minimalIssue("issue_\($0)") }
            return .answer(
                status: 200,
                body: Fixtures.issueListEnvelope(items: items, pageIndex: index, pageSize: size, totalCount: total, traceId: "P\(index)")
            )
        }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let issues = try await client.issuePages(GuanceIssueListQuery(pageSize: 5)).collectItems()
            #expect(issues.map(\.uuid) == (0..<total).map { "issue_\($0)" })
            #expect(server.requests.count == 5)
        }
    }

    @Test("reply list sends ordering and paging as query items; delete uses DELETE")
    func replyRoutes() async throws {
        try await StubServer.with({ request, _ in
            request.method == "DELETE" ? .answer(status: 200, body: Self.ok) : .answer(status: 200, body: Fixtures.replyListEnvelope)
        }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let page = try await client.listReplies(issueUUID: "issue_1", GuanceReplyListQuery(ordering: "-createAt", pageSize: 20))
            #expect(page.pageInfo?.totalCount == 2)
            #expect(page.isLast)
            try await client.deleteReply("repim_1")
            let requests = server.requests
            #expect(requests[0].path == "/api/v1/issue/reply/issue_1/list")
            #expect(requests[0].query == "ordering=-createAt&pageIndex=1&pageSize=20")
            #expect(requests[1].method == "DELETE")
            #expect(requests[1].path == "/api/v1/issue/reply/repim_1/delete")
        }
    }

    @Test("updateIssue re-sends the fetched extend and changes only what was asked")
    func updatePreservesExtend() async throws {
        let getAnswer = Self.envelope(Fixtures.issueNewStyle)
        try await StubServer.with({ _, _ in .answer(status: 200, body: getAnswer) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            _ = try await client.updateIssue("issue_7b1f0001") { change in
                change.statusType = .resolved
            }
            let requests = server.requests
            #expect(requests.map(\.path) == ["/api/v1/issue/issue_7b1f0001/get", "/api/v1/issue/issue_7b1f0001/modify"])
            let sent = try JSONDecoder().decode(JSONValue.self, from: Data(requests[1].body.utf8))
            let original = try JSONDecoder().decode(JSONValue.self, from: Data(Fixtures.issueNewStyle.utf8))
            #expect(sent["extend"] == original["extend"])
            #expect(sent["statusType"] == .int(20))
            #expect(sent["name"] == nil)
        }
    }

    /// An issue whose assignees are `manager`.
    private static func issue(manager: String) -> String {
        envelope(#"{"uuid":"issue_1","name":"n","description":"","level":"","statusType":10,"createAt":1,"updateAt":2,"#
            + #""deleteAt":-1,"extend":{"manager":["\#(manager)"],"linkList":[]}}"#)
    }

    @Test("a throttled modify is never re-sent stale: updateIssue reads again and keeps an assignee set meanwhile")
    func throttledModifyReadsAgain() async throws {
        let throttle = Fixtures.throttled(scope: "Ak")
        // get (acnt_a) → modify throttled → someone assigns acnt_b → get (acnt_b) → modify.
        try await StubServer.with({ request, index in
            switch index {
            case 0: return .answer(status: 200, body: Self.issue(manager: "acnt_a"))
            case 1: return .answer(status: 401, body: throttle)
            case 2: return .answer(status: 200, body: Self.issue(manager: "acnt_b"))
            default: return .answer(status: 200, body: Self.issue(manager: "acnt_b"))
            }
        }) { server, baseURL in
            let clock = JumpingClock()
            let client = ClientFactory.make(baseURL: baseURL, clock: clock)
            let update = try await client.updateIssue("issue_1") { _, modification in
                modification.extend.linkList.append(GuanceLink(name: "Jira OPS-1", link: "https://jira/browse/OPS-1"))
                return true
            }
            let requests = server.requests
            #expect(requests.map(\.path) == [
                "/api/v1/issue/issue_1/get", "/api/v1/issue/issue_1/modify", "/api/v1/issue/issue_1/get",
                "/api/v1/issue/issue_1/modify",
            ])
            let sent = try JSONDecoder().decode(JSONValue.self, from: Data(requests[3].body.utf8))
            #expect(sent["extend"]?["manager"] == .array([.string("acnt_b")]))
            #expect(update.read.extend.manager == ["acnt_b"])
            // The throttle paused the key before the second read.
            #expect(clock.elapsed >= GuanceRetryPolicy.default.throttleBaseDelay / 2)
        }
    }

    @Test("a modify that failed with a 5xx is not repeated by the client; updateIssue reads again first")
    func failedModifyIsNotRepeated() async throws {
        try await StubServer.with({ _, index in
            index == 1 ? .answer(status: 502, body: "bad gateway") : .answer(status: 200, body: Self.issue(manager: "acnt_a"))
        }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            await #expect(throws: GuanceAPIError.self) {
                _ = try await client.modifyIssue("issue_1", GuanceIssueModification(extend: GuanceExtend()))
                _ = try await client.modifyIssue("issue_1", GuanceIssueModification(extend: GuanceExtend()))
            }
            #expect(server.requests.count == 2)
            _ = try await client.updateIssue("issue_1") { $0.statusType = .resolved }
            #expect(server.requests.map(\.path).suffix(2) == ["/api/v1/issue/issue_1/get", "/api/v1/issue/issue_1/modify"])
        }
    }

    @Test("nothing to change: updateIssue reads and sends no modify")
    func updateWithNothingToChange() async throws {
        try await StubServer.with({ _, _ in .answer(status: 200, body: Self.issue(manager: "acnt_a")) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let update = try await client.updateIssue("issue_1") { _, _ in false }
            #expect(update.modified == nil)
            #expect(server.requests.map(\.path) == ["/api/v1/issue/issue_1/get"])
        }
    }

    @Test("a read and its modify take their budget together: with one request left, both wait, then run back to back")
    func readAndModifyShareOneReservation() async throws {
        try await StubServer.with({ _, _ in .answer(status: 200, body: Self.issue(manager: "acnt_a")) }) { _, baseURL in
            let clock = JumpingClock()
            let policy = GuanceRateLimitPolicy(requestsPerWindow: 3, window: .seconds(60), safetyMargin: .zero)
            let client = ClientFactory.make(baseURL: baseURL, clock: clock, rateLimit: policy)
            _ = try await client.issue("issue_1")
            _ = try await client.issue("issue_1")
            // One request left in this window: the update waits for the window, once, before its read.
            _ = try await client.updateIssue("issue_1") { $0.statusType = .resolved }
            #expect(clock.waits == [.seconds(60)])
            // The window is full again (the update's two), so the next reservation waits a window;
            // with nothing to change it uses one of its two and hands the other back.
            _ = try await client.updateIssue("issue_1") { _, _ in false }
            #expect(clock.waits == [.seconds(60), .seconds(60)])
            #expect(client.rateLimitStatus().remaining == 2)
        }
    }

    @Test("channel list skips deleted channels unless asked")
    func channelFiltering() async throws {
        try await StubServer.with({ _, _ in .answer(status: 200, body: Fixtures.channelListEnvelope) }) { _, baseURL in
            let client = ClientFactory.make(baseURL: baseURL)
            let live = try await client.channels()
            let all = try await client.channels(includeDeleted: true)
            #expect(live.map(\.uuid) == ["chan_default", "chan_ops"])
            #expect(all.count == 3)
        }
    }

    @Test("an unusable base URL fails at once as rejected, without retries")
    func badBaseURL() async throws {
        let client = ClientFactory.make(baseURL: "ftp://openapi.example.com")
        let error = try await #require(throws: GuanceAPIError.self) { try await client.validateKey() }
        #expect(error.kind == .rejected)
        #expect(error.attempts == 1)
    }

    @Test("the base URL may carry a path prefix (private deployments)")
    func pathPrefix() async throws {
        try await StubServer.with({ _, _ in .answer(status: 200, body: Self.ok) }) { server, baseURL in
            let client = ClientFactory.make(baseURL: baseURL + "/guance/")
            try await client.validateKey()
            #expect(server.requests.first?.path == "/guance/api/v1/validate")
        }
    }
}
