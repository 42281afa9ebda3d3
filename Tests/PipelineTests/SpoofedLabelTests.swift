import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// All four stages as separate processes. A Jira user who can see a synced issue's Guance UUID
/// (it is on the twin) makes new Jira issues carrying that issue's labels — in the watched project
/// (with the sync account as reporter) and in another project — comments on them and resolves
/// them: nothing may reach Guance and the real twin stays as it is. Only the link table says which
/// Jira issue mirrors which Guance issue.
@Suite("Spoofed Guance labels in Jira", .serialized)
struct SpoofedLabelTests {
    typealias Support = PipelineTestSupport

    /// A simulated site, and whether `jira.migrationAccount` names the old script's account.
    struct Setup: Sendable, CustomTestStringConvertible {
        var dataCenter: Bool
        var migrationAccount: Bool

        var testDescription: String {
            (dataCenter ? "data-center" : "cloud") + (migrationAccount ? ", migration account configured" : "")
        }
    }

    @Test(
        "spoofs in the watched and in another project change nothing in Guance, and the real twin is not touched",
        arguments: [Setup(dataCenter: false, migrationAccount: false), Setup(dataCenter: true, migrationAccount: true)])
    func spoofChangesNothing(setup: Setup) async throws {
        let deployment = try await TestDeployment(simulatorArguments: [
            "--jira-flavour", setup.dataCenter ? "data-center" : "cloud", "--guance-requests-per-minute", "1200",
        ])
        let api = setup.dataCenter ? "2" : "3"
        let control = Support.control(deployment, jiraAPIVersion: api)
        var yaml = deployment.defaultConfiguration()
        if setup.dataCenter { yaml = yaml.replacingOccurrences(of: "flavor: auto", with: "flavor: datacenter") }
        if setup.migrationAccount {
            let oldScript = setup.dataCenter ? "dataflux" : "5b10a2844c20165700ede21h"
            yaml = yaml.replacingOccurrences(of: "  overlapMinutes: 2\n", with: "  overlapMinutes: 2\n  migrationAccount: \(oldScript)\n")
        }
        let config = try deployment.writeConfiguration(yaml)
        let budgets = ["guance-poller": "600", "jira-writer": "300", "guance-writer": "300"]
        var stages: [ChildProcess] = []
        do {
            for stage in ["guance-poller", "jira-writer", "jira-poller", "guance-writer"] {
                let extra = budgets[stage].map { ["GUANCE_REQUESTS_PER_MINUTE": $0] } ?? [:]
                stages.append(try deployment.startStage(stage, configurationPath: config, extraEnvironment: extra))
            }
            let issue = try await control.guanceCreateIssue(
                name: "支付服务超时", description: "<p>p99 above 2 s</p>", level: "system_level_1", resourceType: "checker",
                resource: "payment", actor: "monitor")
            let label = "guance-\(issue)"
            let twinFound = try await Support.eventually(timeout: .seconds(240)) { try await Self.issue(labelled: label, in: control) }
            let twin = try #require(twinFound, "no Jira twin; logs in \(deployment.directory.path)")
            let twinKey = try #require(twin["key"] as? String)

            // The spoofs: a person's issue in the watched project, reporter set to the sync account;
            // one in another project (by the old script's account when it is configured, else by the person).
            let syncAccount: [String: Any] = setup.dataCenter ? ["name": "sync"] : ["accountId": "5b10a2844c20165700ede21f"]
            let inProject = try await Self.createIssue(
                as: "alice", project: "OPS", labels: ["guance", label], reporter: syncAccount, api: api, control: control)
            let elsewhere = try await Self.createIssue(
                as: setup.migrationAccount ? "dataflux" : "alice", project: "SUP", labels: ["guance", label, issue],
                api: api, control: control)
            for key in [inProject, elsewhere] {
                try await control.jiraUserComments(on: key, text: "spoofed reply from \(key)")
                try await control.jiraUserTransitions(key, toCategory: "done")
            }
            let spoofed = try await Self.snapshot(of: [inProject, elsewhere], control: control)

            // Then a real comment on the twin: once it is in Guance, jira-poller has read past the
            // spoofs; once guance-writer has no lag, it has handled everything published.
            try await control.jiraUserComments(on: twinKey, text: "real reply")
            let mirrored = try await Support.eventually { () -> Bool? in
                let replies = try await control.guanceIssue(issue).replies
                return replies.contains { ($0["content"] as? String ?? "").contains("real reply") } ? true : nil
            }
            #expect(mirrored == true, "the real comment did not reach Guance; logs in \(deployment.directory.path)")
            let drained = try await Support.eventually { try await Self.guanceWriterLag(deployment, config) == 0 ? true : nil }
            #expect(drained == true, "guance-writer did not catch up")

            let (guanceIssue, replies) = try await control.guanceIssue(issue)
            #expect(guanceIssue?["statusType"] as? Int == 10, "the Guance issue's status changed")
            let texts = replies.map { $0["content"] as? String ?? "" }
            #expect(!texts.contains { $0.contains("spoofed") }, "a spoofed comment reached Guance: \(texts)")
            let twinNow = try #require(try await Self.issue(labelled: label, in: control, key: twinKey))
            #expect(twinNow["statusCategory"] as? String != "done", "the real twin was moved")
            #expect(try await Self.snapshot(of: [inProject, elsewhere], control: control) == spoofed, "a spoof was touched")
        } catch {
            Issue.record("\(error); logs in \(deployment.directory.path)")
        }
        for stage in stages { stage.terminate() }
        for stage in stages where try await stage.waitForExit(timeout: .seconds(30)) == nil { stage.kill() }
        await deployment.stop()
    }

    /// The (first, or `key`) Jira issue carrying `label`.
    static func issue(labelled label: String, in control: SimulatorControl, key: String? = nil) async throws -> [String: Any]? {
        try await control.jiraIssues(label: label).map(\.issue).first { key == nil || $0["key"] as? String == key }
    }

    /// Creates an issue as `user` (a person acting in Jira) and answers its key.
    static func createIssue(
        as user: String, project: String, labels: [String], reporter: [String: Any]? = nil, api: String,
        control: SimulatorControl
    ) async throws -> String {
        var fields: [String: Any] = [
            "project": ["key": project], "issuetype": ["id": "10004"], "summary": "[Guance] 支付服务超时", "labels": labels,
        ]
        if let reporter { fields["reporter"] = reporter }
        let created = try await control.call(control.jiraURL + "/__sim/as/\(user)/rest/api/\(api)/issue", body: ["fields": fields])
        guard let key = created["key"] as? String else { throw SimulatorControlError("no issue created: \(created)") }
        return key
    }

    /// What can change on `keys` — labels, status, properties, update time, comments — for comparison.
    static func snapshot(of keys: [String], control: SimulatorControl) async throws -> String {
        let state = try await control.jiraState()
        let issues = (state["issues"] as? [[String: Any]] ?? []).filter { keys.contains($0["key"] as? String ?? "") }
            .map { issue in
                ["key", "labels", "statusCategory", "properties", "updated", "reporter", "creator"].map { "\(issue[$0] ?? "-")" }
                    .joined(separator: "|")
            }
        let comments = (state["comments"] as? [[String: Any]] ?? []).filter { keys.contains($0["issueKey"] as? String ?? "") }
            .map { "\($0["issueKey"] ?? "-") \($0["id"] ?? "-") \($0["updated"] ?? "-")" }
        return (issues + comments).sorted().joined(separator: "\n")
    }

    /// guance-writer's total lag on `jira.events.v1`, from `syncctl status --json`.
    static func guanceWriterLag(_ deployment: TestDeployment, _ config: String) async throws -> Int? {
        let process = try ChildProcess(
            ["status", "--json"], executable: "syncctl", environment: deployment.environment(configurationPath: config))
        guard try await process.waitForExit(timeout: .seconds(60)) != nil else {
            process.kill()
            return nil
        }
        let output = process.lines.joined(separator: "\n")
        guard let start = output.firstIndex(of: "{"),
              let report = try? JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as? [String: Any],
              let groups = report["groups"] as? [[String: Any]],
              let group = groups.first(where: { ($0["group"] as? String)?.hasSuffix("guance-writer") == true })
        else { return nil }
        return group["lag"] as? Int
    }
}
