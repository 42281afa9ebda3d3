import Foundation
import PipelineTesting
import SimulatorControl

/// The people of the assignee and priority tests, on both simulators, and a deployment configured to
/// pair them: Bob and 李娜 explicitly (on Data Center 李娜 by user *name* `lina`, while Jira names her
/// by her key `JIRAUSER10100`), 张伟 and Alice by e-mail, 王芳 nobody (she has no Jira account).
struct AssigneeWorld {
    typealias Support = PipelineTestSupport

    /// A Jira site variant.
    enum Variant: String, CaseIterable, Sendable, CustomStringConvertible {
        case cloud
        case dataCenter
        case dataCenterChinese

        var simulatorArguments: [String] {
            switch self {
            case .cloud: []
            case .dataCenter: ["--jira-flavour", "data-center"]
            case .dataCenterChinese: ["--jira-flavour", "data-center", "--jira-locale", "zh_CN"]
            }
        }

        var isCloud: Bool { self == .cloud }

        /// Every variant, or those named in `SYNC_ASSIGNEE_VARIANTS` (comma-separated; for local runs).
        static var selected: [Variant] {
            guard let names = ProcessInfo.processInfo.environment["SYNC_ASSIGNEE_VARIANTS"] else { return allCases }
            return names.split(separator: ",").compactMap { Variant(rawValue: String($0)) }
        }
        var apiVersion: String { isCloud ? "3" : "2" }
        var description: String { rawValue }
    }

    /// A person with a Guance account and, maybe, a Jira user.
    struct Person: Sendable {
        var guance: String
        /// Jira (accountId, name, key), `nil` without a Jira account.
        var jira: (accountId: String, name: String, key: String)?
    }

    static let zhang = Person(
        guance: "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0", jira: ("5b10a2844c20165700ede21i", "zhangwei", "zhangwei"))
    static let alice = Person(
        guance: "acnt_0a1b2c3d4e5f60718293a4b5c6d7e8f9", jira: ("5b10a2844c20165700ede21g", "alice", "alice"))
    static let lina = Person(
        guance: "acnt_1b2c3d4e5f60718293a4b5c6d7e8f90a", jira: ("5b10a2844c20165700ede21k", "lina", "JIRAUSER10100"))
    static let bob = Person(guance: "acnt_2c3d4e5f60718293a4b5c6d7e8f90a1b", jira: ("5b10a2844c20165700ede21j", "bob", "bob"))
    static let wang = Person(guance: "acnt_3d4e5f60718293a4b5c6d7e8f90a1b2c", jira: nil)
    /// The people who exist on both sides.
    static let paired = [zhang, alice, lina, bob]

    let variant: Variant
    let deployment: TestDeployment
    let control: SimulatorControl
    let configurationPath: String
    var stages: [String: ChildProcess] = [:]

    /// Starts the broker and the simulators and writes the configuration.
    init(_ variant: Variant, policies: String = "") async throws {
        self.variant = variant
        deployment = try await TestDeployment(simulatorArguments: variant.simulatorArguments + [
            "--guance-requests-per-minute", "0",
            "--guance-behaviour", #"{"timeWindowField":"updateAt","replyBumpsIssueUpdateAt":true}"#,
        ])
        control = Support.control(deployment, jiraAPIVersion: variant.apiVersion)
        let bobJira = variant.isCloud ? Self.bob.jira!.accountId : Self.bob.jira!.name
        let linaJira = variant.isCloud ? Self.lina.jira!.accountId : Self.lina.jira!.name
        var yaml = deployment.defaultConfiguration()
        if !variant.isCloud { yaml = yaml.replacingOccurrences(of: "flavor: auto", with: "flavor: datacenter") }
        configurationPath = try deployment.writeConfiguration(yaml + """

            users:
              map:
                - {guance: \(Self.bob.guance), jira: \(bobJira)}
                - {guance: \(Self.lina.guance), jira: \(linaJira)}
              matchByEmail: true
            policies:
              syncAssignees: true
              levelFromPriority: true
            \(policies)
            """)
    }

    /// Starts the four stages, each a separate process, with a generous Guance budget.
    mutating func startStages(_ names: [String] = ["guance-poller", "jira-writer", "jira-poller", "guance-writer"]) throws {
        for name in names {
            stages[name] = try deployment.startStage(
                name, configurationPath: configurationPath, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "100000"])
        }
    }

    /// Stops the given stages (SIGTERM) and waits for them.
    mutating func stopStages(_ names: [String]? = nil) async {
        for name in names ?? Array(stages.keys) {
            guard let stage = stages.removeValue(forKey: name) else { continue }
            stage.terminate()
            _ = try? await stage.waitForExit(timeout: .seconds(60))
        }
    }

    /// A monitor's issue and its Jira twin's key, once the twin's back-link is on the Guance issue.
    func issueWithTwin(_ name: String, level: String = "system_level_2") async throws -> (uuid: String, key: String)? {
        let uuid = try await control.guanceCreateIssue(
            name: name, description: "<p>\(name)</p>", level: level, resourceType: "checker", resource: "svc", actor: "monitor")
        let twin = try await Support.eventually { Support.jiraByLabel(try await control.jiraState())["guance-\(uuid)"]?.first }
        // The back-link trails the twin (a read-modify-write of the issue's `extend`, where the
        // assignees live too): a person assigning between its read and its modify would be
        // overwritten — Guance has no compare-and-set (docs/architecture.md) — and under a heavy
        // load that window is wide enough for the next step of a test. People act once it landed.
        guard twin != nil, try await Support.backlinksLanded(control, [uuid]) else { return nil }
        return twin.map { (uuid, $0.key) }
    }

    /// The Jira issue's (assignee user name, priority id).
    func jiraSide(_ key: String) async throws -> (assignee: String?, priority: String?) {
        let issues = try await control.jiraState()["issues"] as? [[String: Any]] ?? []
        let issue = issues.first { $0["key"] as? String == key }
        return (issue?["assignee"] as? String, issue?["priorityId"] as? String)
    }

    /// The Guance issue's (assignees, level).
    func guanceSide(_ uuid: String) async throws -> (managers: [String], level: String?) {
        let (issue, _) = try await control.guanceIssue(uuid)
        let extend = issue?["extend"] as? [String: Any]
        return (extend?["manager"] as? [String] ?? [], issue?["level"] as? String)
    }

    /// The person assigns the Jira issue (as the simulator's human, Alice).
    func jiraAssigns(_ key: String, to person: Person?) async throws {
        try await control.jiraUserAssigns(key, to: person?.jira.map { ($0.accountId, $0.name) })
    }

    /// The write counts once they stopped changing (the last change's follow-ups — echo snapshots
    /// re-rendering the description, notes — done), measured over `window`.
    func settledWriteCounts(window: Duration = .seconds(3)) async throws -> (guance: Int, jira: Int)? {
        try await Support.eventually(timeout: .seconds(90)) { () -> (guance: Int, jira: Int)? in
            let first = try await control.writeCounts()
            try await Task.sleep(for: window)
            let second = try await control.writeCounts()
            return first == second ? second : nil
        }
    }

    /// Log lines of a stage containing every fragment.
    func logLines(of stage: String, containing fragments: String...) -> [String] {
        deployment.logLines(of: stage).filter { line in fragments.allSatisfy { line.contains($0) } }
    }
}
