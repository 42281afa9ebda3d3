import AsyncHTTPClient
import Foundation
import JiraSimulator
import Logging
import NIOCore
import NIOHTTP1

/// A started simulator plus an HTTP client that talks to it as one of its users.
struct SimulatorHarness: Sendable {
    let simulator: JiraSimulator
    let baseURL: URL

    var flavour: JiraSimulatorOptions.Flavour { simulator.options.flavour }
    /// `/rest/api/3` on Cloud, `/rest/api/2` on DC.
    var api: String { flavour == .cloud ? "/rest/api/3" : "/rest/api/2" }

    /// Starts a simulator, runs `body`, and always stops it.
    static func with(_ options: JiraSimulatorOptions, _ body: (SimulatorHarness) async throws -> Void) async throws {
        let simulator = JiraSimulator(options: options, logger: Logger(label: "jira-sim-test"))
        let url = try await simulator.start()
        do {
            try await body(SimulatorHarness(simulator: simulator, baseURL: url))
            await simulator.stop()
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// The `Authorization` header value for a configured user in this flavour.
    func authorization(for user: JiraSimulatorUser) -> String {
        switch flavour {
        case .cloud: "Basic " + Data("\(user.emailAddress):\(user.token)".utf8).base64EncodedString()
        case .dataCenter: "Bearer \(user.token)"
        }
    }

    /// Sends a request as `user` (default: the first configured user) and parses the JSON answer.
    func send(
        _ method: HTTPMethod, _ path: String, body: SimJSON? = nil, as user: JiraSimulatorUser? = nil,
        authorization: String? = nil
    ) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        let user = user ?? simulator.options.users[0]
        request.headers.add(name: "Authorization", value: authorization ?? self.authorization(for: user))
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let data = Data(bytes.readableBytesView)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return HTTPResult(status: Int(response.status.code), headers: headers, data: data, json: SimJSON.parse(data))
    }

    /// Creates an issue over HTTP in the flavour's native body format; returns its key.
    func createIssue(
        summary: String, project: String = "OPS", labels: [String] = [], as user: JiraSimulatorUser? = nil
    ) async throws -> String {
        let description: SimJSON = flavour == .cloud ? Self.adf("Created by a test") : "Created by a test"
        let result = try await send(
            .POST, "\(api)/issue",
            body: [
                "fields": [
                    "project": ["key": .string(project)], "issuetype": ["id": "10004"], "summary": .string(summary),
                    "description": description, "labels": .array(labels.map(SimJSON.string)),
                ]
            ], as: user)
        guard result.status == 201, let key = result.json?["key"]?.stringValue else {
            throw HarnessError.unexpected(result)
        }
        return key
    }

    /// A one-paragraph ADF document.
    static func adf(_ text: String) -> SimJSON {
        ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": .string(text)]]]]]
    }

    /// The comment body format of this flavour.
    func body(_ text: String) -> SimJSON { flavour == .cloud ? Self.adf(text) : .string(text) }
}

/// One HTTP answer.
struct HTTPResult: Sendable {
    var status: Int
    var headers: [String: String]
    var data: Data
    var json: SimJSON?
}

enum HarnessError: Error {
    case unexpected(HTTPResult)
}

extension JiraSimulatorOptions {
    /// Options for tests: real clock, no lag unless set.
    static func test(_ flavour: Flavour, lag: Duration = .zero, users: [JiraSimulatorUser]? = nil) -> JiraSimulatorOptions {
        JiraSimulatorOptions(flavour: flavour, users: users, searchIndexLag: lag)
    }
}
