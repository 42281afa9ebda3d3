import SyncCore
import Testing

/// API base URLs over plain http send the credentials in clear text: refused unless the host is
/// loopback (a local simulator or sidecar) or the file opts in explicitly.
@Suite("Configuration: https for the API base URLs")
struct InsecureHTTPTests {
    private func problems(guance: String, jira: String, extraGuance: String = "", extraJira: String = "") -> [String] {
        do {
            _ = try SyncConfiguration.parse("""
                guance: {baseURL: "\(guance)"\(extraGuance)}
                jira: {baseURL: "\(jira)"\(extraJira)}
                routing: {default: {project: OPS, issueType: "10004"}}
                """)
            return []
        } catch {
            return error.problems.map(\.path)
        }
    }

    @Test("http to a remote host is refused for both APIs")
    func remoteHTTPRefused() {
        #expect(problems(guance: "http://openapi.guance.com", jira: "http://acme.atlassian.net") == ["guance.baseURL", "jira.baseURL"])
        #expect(problems(guance: "http://10.0.0.7:9529", jira: "https://acme.atlassian.net") == ["guance.baseURL"])
        #expect(problems(guance: "https://openapi.guance.com", jira: "HTTP://jira.internal") == ["jira.baseURL"])
    }

    @Test("https, loopback http and an explicit opt-in are accepted", arguments: [
        ("https://openapi.guance.com", "https://acme.atlassian.net", "", ""),
        ("http://127.0.0.1:8701", "http://localhost:8702", "", ""),
        ("http://127.9.0.1", "http://[::1]:8702", "", ""),
        ("http://guance-sim:8080", "http://jira-sim:8080", ", allowInsecureHTTP: true", ", allowInsecureHTTP: true"),
    ])
    func accepted(guance: String, jira: String, extraGuance: String, extraJira: String) {
        #expect(problems(guance: guance, jira: jira, extraGuance: extraGuance, extraJira: extraJira).isEmpty)
    }

    @Test("the opt-in is per API")
    func optInPerAPI() {
        #expect(problems(guance: "http://guance-sim", jira: "http://jira-sim", extraGuance: ", allowInsecureHTTP: true") == ["jira.baseURL"])
    }

    @Test("a host that only looks like loopback is not", arguments: ["http://127.0.0.1.evil.example", "http://localhost.example", "http://128.0.0.1"])
    func lookalikes(url: String) {
        #expect(problems(guance: url, jira: "https://acme.atlassian.net") == ["guance.baseURL"])
    }
}
