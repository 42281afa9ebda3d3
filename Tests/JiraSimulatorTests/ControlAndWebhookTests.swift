import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import JiraSimulator
import Logging
import NIOCore
import Synchronization
import Testing

@Suite("Control API over HTTP and signed webhooks")
struct ControlAndWebhookTests {
    @Test("/__sim/ acts as a human, dumps state, injects faults and resets")
    func controlOverHTTP() async throws {
        try await SimulatorHarness.with(.test(.dataCenter)) { sim in
            let created = try await sim.send(
                .POST, "/__sim/as/alice/rest/api/2/issue",
                body: ["fields": ["project": ["key": "OPS"], "issuetype": ["id": "10001"], "summary": "by alice", "labels": ["human"]]],
                authorization: "none")
            #expect(created.status == 201)
            let key = try #require(created.json?["key"]?.stringValue)
            let issue = try await sim.send(.GET, "/rest/api/2/issue/\(key)?fields=reporter")
            #expect(issue.json?["fields"]?["reporter"]?["name"]?.stringValue == "alice")

            #expect(try await sim.send(.POST, "/__sim/faults", body: ["kind": "status", "status": 502, "pathContains": "/issue/"]).status == 204)
            #expect(try await sim.send(.GET, "/rest/api/2/issue/\(key)").status == 502)
            #expect(try await sim.send(.POST, "/__sim/clock", body: ["advanceSeconds": 3600]).status == 200)

            let state = try await sim.send(.GET, "/__sim/state")
            #expect(state.json?["issues"]?.arrayValue?.first?["labels"] == ["human"])
            let counts = state.json?["requestCounts"]?.objectValue ?? [:]
            #expect(counts["GET /rest/api/2/issue/{issue} 502"] == 1)
            #expect(counts["GET /rest/api/2/issue/{issue} 200"] == 1)

            #expect(try await sim.send(.POST, "/__sim/reset").status == 204)
            #expect(try await sim.send(.GET, "/__sim/state").json?["issues"] == [])
        }
    }

    @Test("webhooks carry a stable identifier and an HMAC-SHA256 signature over the raw body")
    func webhooks() async throws {
        let received = Mutex<[(headers: [String: String], body: Data)]>([])
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            received.withLock { $0.append((headers, Data(buffer.readableBytesView))) }
            return .noContent
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var receiverLogger = Logger(label: "webhook-receiver")
        receiverLogger.logLevel = .critical
        let receiver = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: receiverLogger)
        let receiverTask = Task { try await receiver.runService(gracefulShutdownSignals: []) }
        defer { receiverTask.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())

        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/hook"))
            sim.simulator.registerWebhook(
                url: url, secret: "s3cret", events: ["comment_created", "jira:issue_created", "jira:issue_updated"])
            let key = try await sim.createIssue(summary: "hooked")
            _ = try await sim.send(.PUT, "/rest/api/3/issue/\(key)", body: ["update": ["labels": [["add": "hot"]]]])
            _ = try await sim.send(.POST, "/rest/api/3/issue/\(key)/comment", body: ["body": sim.body("ping")])

            let deadline = ContinuousClock.now + .seconds(20)
            while received.withLock({ $0.count }) < 4, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let deliveries = received.withLock { $0 }
            #expect(deliveries.count == 4)
            var events: [String] = []
            var changedFields: [String] = []
            var identifiers: Set<String> = []
            for delivery in deliveries {
                let mac = HMAC<SHA256>.authenticationCode(for: delivery.body, using: SymmetricKey(data: Data("s3cret".utf8)))
                let expected = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
                #expect(delivery.headers["x-hub-signature"] == expected)
                #expect(delivery.headers["x-atlassian-webhook-identifier"]?.isEmpty == false)
                let json = SimJSON.parse(delivery.body)
                events.append(json?["webhookEvent"]?.stringValue ?? "")
                changedFields += (json?["changelog"]?["items"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
                identifiers.insert(delivery.headers["x-atlassian-webhook-identifier"] ?? "")
                #expect(json?["issue"]?["key"]?.stringValue == key)
                #expect(json?["timestamp"]?.intValue != nil)
            }
            #expect(events.sorted() == ["comment_created", "jira:issue_created", "jira:issue_updated", "jira:issue_updated"])
            #expect(changedFields == ["labels"])
            #expect(identifiers.count == 4)
        }
    }
}
