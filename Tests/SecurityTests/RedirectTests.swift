import AsyncHTTPClient
import Foundation
import GuanceAPI
import Hummingbird
import JiraAPI
import Logging
import StageClients
import StageRuntime
import SyncCore
import Testing

/// The API clients as the stages build them (``StageClients``) never carry a key to another host.
///
/// Before: `HTTPClient.shared` followed redirects, and `DF-API-KEY` (a custom header, unlike
/// `Authorization`) survived a cross-origin one, so a 307 handed the Guance key to any host.
@Suite("API clients do not follow redirects")
struct RedirectTests {
    static let guanceKey = "guance-key-canary-3b9f0c2e7d"
    static let jiraToken = "jira-token-canary-81d4a6"

    /// `elsewhere` records; `origin` redirects every request there (another port: another origin).
    private func servers(status: HTTPResponse.Status) async throws -> (origin: RecordingServer, elsewhere: RecordingServer) {
        let elsewhere = try await RecordingServer { _ in (.ok, [.contentType: "application/json"], #"{"code":200,"content":{}}"#) }
        let target = elsewhere.baseURL
        let origin = try await RecordingServer { path in (status, [.location: target + path], "") }
        return (origin, elsewhere)
    }

    private func context(guanceURL: String, jiraURL: String) throws -> StageContext {
        let configuration = try SyncConfiguration.parse("""
            guance: {baseURL: "\(guanceURL)"}
            jira: {baseURL: "\(jiraURL)", flavor: cloud}
            routing: {default: {project: OPS, issueType: "10004"}}
            """)
        return StageContext(
            stage: "guance-poller", logger: Logger(label: "redirect-tests"), kafka: StageKafka(brokers: [], clientID: "t"),
            configuration: configuration,
            environment: [
                "GUANCE_API_KEY": Self.guanceKey, "JIRA_EMAIL": "sync@example.com", "JIRA_API_TOKEN": Self.jiraToken,
                "GUANCE_REQUESTS_PER_MINUTE": "200",
            ],
            readiness: Readiness())
    }

    @Test("a redirect answered to the Guance client fails the call, and the key goes nowhere else",
          arguments: [HTTPResponse.Status.temporaryRedirect, .permanentRedirect, .found, .movedPermanently, .seeOther])
    func guanceRedirect(status: HTTPResponse.Status) async throws {
        let (origin, elsewhere) = try await servers(status: status)
        let guance = try StageClients.guance(try context(guanceURL: origin.baseURL, jiraURL: origin.baseURL))
        let error = await #expect(throws: GuanceAPIError.self) { _ = try await guance.listIssues(GuanceIssueListQuery()) }
        #expect(error?.httpStatus == Int(status.code))
        #expect("\(error.map { "\($0)" } ?? "")".contains("redirect"))
        #expect(!origin.requests.isEmpty, "the origin was asked")
        #expect(elsewhere.requests.isEmpty, "the redirect was followed: \(elsewhere.requests.map(\.headers))")
        await origin.stop()
        await elsewhere.stop()
    }

    @Test("a redirect answered to the Jira client fails the call, and the token goes nowhere else")
    func jiraRedirect() async throws {
        let (origin, elsewhere) = try await servers(status: .temporaryRedirect)
        let jira = try StageClients.jira(try context(guanceURL: origin.baseURL, jiraURL: origin.baseURL))
        await #expect(throws: (any Error).self) { _ = try await jira.myself() }
        #expect(!origin.requests.isEmpty, "the origin was asked")
        #expect(elsewhere.requests.isEmpty, "the redirect was followed: \(elsewhere.requests.map(\.headers))")
        await origin.stop()
        await elsewhere.stop()
    }

    @Test("the stages' HTTP client is configured not to follow redirects")
    func sharedClientDisallowsRedirects() async throws {
        let (origin, elsewhere) = try await servers(status: .temporaryRedirect)
        var request = HTTPClientRequest(url: origin.baseURL + "/anything")
        request.headers.add(name: "DF-API-KEY", value: Self.guanceKey)
        let response = try await StageHTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status == .temporaryRedirect)
        #expect(elsewhere.requests.isEmpty)
        await origin.stop()
        await elsewhere.stop()
    }
}
