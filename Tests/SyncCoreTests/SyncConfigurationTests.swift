import Foundation
import SyncCore
import Testing

@Suite("Configuration")
struct SyncConfigurationTests {
    static let example = TopicCatalogTests.topicsDirectory.deletingLastPathComponent()
        .appendingPathComponent("ops/config/sync.example.yaml").path

    @Test("the documented example parses with every value as written")
    func example() throws {
        let configuration = try SyncConfiguration.load(path: Self.example)
        #expect(configuration.guance.requestsPerMinute == 20)
        #expect(configuration.jira.flavor == "auto")
        #expect(configuration.routing.rules.count == 2)
        #expect(configuration.routing.rules[0].match.titlePattern == "(?i)mysql|postgres|数据库")
        #expect(configuration.priorities["system_level_0"] == "1")
        #expect(configuration.policies.backlink == .linkList)
        #expect(configuration.policies.integrationReplies == .skip)
        #expect(configuration.templates.summary == "[Guance] {name}")
    }

    @Test("a minimal file gets the documented defaults")
    func defaults() throws {
        let configuration = try SyncConfiguration.parse("""
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """)
        #expect(configuration.guance.channels == ["default"])
        #expect(configuration.guance.requestsPerMinute == 20)
        #expect(configuration.guance.mirrorChangeReplies == false)
        #expect(configuration.policies.guanceReplyDeleted == .note)
        #expect(configuration.policies.jiraDoneStatusType == 20)
        #expect(configuration.policies.conflict == .mostRecent)
        #expect(configuration.policies.integrationReplies == .skip)
        #expect(configuration.jira.labels == ["guance"])
    }

    @Test("guance.syncFrom: unset by default, a day or an ISO 8601 time (quoted or not), anything else is a problem")
    func syncFrom() throws {
        let base = """
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """
        let defaults = try SyncConfiguration.parse(base)
        #expect(defaults.guance.syncFrom == nil && defaults.guance.syncFromDate == nil)
        #expect(defaults.guance.preStartReplyCheckSeconds == 21_600)
        #expect(defaults.guance.replyCheckMaxSeconds == 1_800 && defaults.guance.closedReplyCheckSeconds == 21_600)
        let faster = try SyncConfiguration.parse(base + "\nguance: {replyCheckMaxSeconds: 120, closedReplyCheckSeconds: 300}")
        #expect(faster.guance.replyCheckMaxSeconds == 120 && faster.guance.closedReplyCheckSeconds == 300)
        do {
            _ = try SyncConfiguration.parse(base + "\nguance: {replyCheckMaxSeconds: 30, closedReplyCheckSeconds: 0}")
            Issue.record("accepted reply check intervals below their minimum")
        } catch {
            #expect(Set(error.problems.map(\.path)) == ["guance.replyCheckMaxSeconds", "guance.closedReplyCheckSeconds"])
        }
        for (text, epoch) in [
            ("2026-11-01", 1_793_491_200.0), ("2026-11-01T08:00:00Z", 1_793_520_000), ("\"2026-11-01T16:00:00+08:00\"", 1_793_520_000),
            ("2026-11-01T08:00:00.500Z", 1_793_520_000.5),
        ] {
            let configuration = try SyncConfiguration.parse(base + "\nguance: {syncFrom: \(text), preStartReplyCheckSeconds: 0}")
            #expect(configuration.guance.syncFromDate?.timeIntervalSince1970 == epoch, "\(text)")
            #expect(configuration.guance.preStartReplyCheckSeconds == 0)
        }
        do {
            _ = try SyncConfiguration.parse(base + "\nguance: {syncFrom: last tuesday, preStartReplyCheckSeconds: -1}")
            Issue.record("accepted an invalid syncFrom")
        } catch {
            #expect(Set(error.problems.map(\.path)) == ["guance.syncFrom", "guance.preStartReplyCheckSeconds"])
        }
    }

    @Test("policies.integrationReplies reads skip and mirror and refuses anything else with its path")
    func integrationReplies() throws {
        let base = """
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """
        for policy in IntegrationReplyPolicy.allCases {
            let configuration = try SyncConfiguration.parse(base + "\npolicies: {integrationReplies: \(policy.rawValue)}")
            #expect(configuration.policies.integrationReplies == policy)
        }
        #expect(IntegrationReplyPolicy.allCases.map(\.rawValue) == ["skip", "mirror"])
        do {
            _ = try SyncConfiguration.parse(base + "\npolicies: {integrationReplies: sometimes}")
            Issue.record("an unknown integrationReplies value was accepted")
        } catch {
            #expect(error.problems.contains { $0.path == "policies.integrationReplies" }, "\(error)")
        }
    }

    @Test("every problem is reported at once, with its path")
    func problems() {
        do {
            _ = try SyncConfiguration.parse("""
                guance: {requestsPerMinute: 500, chanels: [x]}
                jira: {baseURL: "ftp://nope", labels: ["has space"]}
                routing:
                  rules:
                    - {match: {titlePattern: "(unclosed"}, project: OPS, issueType: "1", colour: red}
                  default: {project: OPS, issueType: "10004"}
                templates: {summary: "[Guance] {title}"}
                policies: {jiraDoneStatusType: 30}
                """)
            Issue.record("an invalid configuration was accepted")
        } catch {
            let paths = Set(error.problems.map(\.path))
            for expected in [
                "guance.chanels", "guance.requestsPerMinute", "jira.baseURL", "jira.labels[0]",
                "routing.rules[0].colour", "routing.rules[0].match.titlePattern", "templates.summary",
                "policies.jiraDoneStatusType",
            ] {
                #expect(paths.contains(expected), "missing problem at \(expected): \(error)")
            }
            #expect(error.description.contains("unknown placeholder {title}"))
        }
    }

    @Test("missing required settings and wrong types name their path")
    func requiredAndTypes() {
        #expect(throws: ConfigurationError.self) { try SyncConfiguration.parse("jira: {baseURL: x}") }
        do {
            _ = try SyncConfiguration.parse("""
                jira: {baseURL: "https://j"}
                routing: {default: {project: OPS, issueType: "1"}}
                policies: {backlink: sometimes}
                """)
            Issue.record("an unknown enum value was accepted")
        } catch {
            #expect(error.problems.contains { $0.path == "policies.backlink" }, "\(error)")
        }
        do {
            _ = try SyncConfiguration.parse("routing: {default: {project: OPS, issueType: '1'}}")
            Issue.record("a missing jira section was accepted")
        } catch {
            #expect(error.problems.contains { $0.path == "jira" && $0.message == "is required" })
        }
    }

    @Test("routing: the first matching rule wins, else the default")
    func routing() throws {
        let configuration = try SyncConfiguration.load(path: Self.example)
        var issue = EventSamples.snapshot
        issue.name = "MySQL 连接数过高"
        issue.resourceType = "checker"
        issue.level = .init(id: "system_level_0")
        #expect(configuration.routing.route(issue, channels: []).target.project == "DBA")
        issue.level = .init(id: "system_level_2")
        #expect(configuration.routing.route(issue, channels: []).rule == nil)
        #expect(configuration.routing.route(issue, channels: ["chan_0f1e2d3c4b5a"]).target.issueType == "10002")
        issue.name = "数据库 慢查询"
        issue.level = .init(id: "system_level_1")
        #expect(configuration.routing.route(issue, channels: ["chan_0f1e2d3c4b5a"]).rule?.name == "database alerts")
    }

    @Test("templates render placeholders and literal braces, and refuse unknown or unclosed ones")
    func templates() throws {
        let template = try TextTemplate("[Guance] {name} {{raw}} {level}", allowedFields: ["name", "level"])
        #expect(template.render(["name": "磁盘满 💾", "level": "P1"]) == "[Guance] 磁盘满 💾 {raw} P1")
        #expect(template.fields == ["name", "level"])
        #expect(throws: TemplateError.self) { try TextTemplate("{name", allowedFields: ["name"]) }
        #expect(throws: TemplateError.self) { try TextTemplate("{nope}", allowedFields: ["name"]) }
        #expect(throws: TemplateError.self) { try TextTemplate("a } b", allowedFields: []) }
    }

    @Test("secrets come from the environment or a file and never print")
    func secrets() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try "  file-token-value\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try Secret.fromEnvironment("JIRA_API_TOKEN", environment: ["JIRA_API_TOKEN_FILE": file.path])
        #expect(fromFile?.reveal() == "file-token-value")
        let fromVariable = try Secret.fromEnvironment("GUANCE_API_KEY", environment: ["GUANCE_API_KEY": "k-123"])
        #expect(fromVariable?.reveal() == "k-123")
        #expect(try Secret.fromEnvironment("GUANCE_API_KEY", environment: [:]) == nil)
        let secret = try #require(fromVariable)
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(!"\([secret])".contains("k-123"))
        #expect(throws: SecretError.self) {
            try Secret.fromEnvironment("JIRA_PAT", environment: ["JIRA_PAT_FILE": "/nonexistent/pat"])
        }
    }
}
