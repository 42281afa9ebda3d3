import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// Assignees and priorities both ways, the four stages as separate processes against the simulators,
/// on Jira Cloud, Data Center and a Data Center site in Chinese: assignments in either product reach
/// the other through the user map, an unmapped person changes nothing (one log line), a level change
/// moves the priority once, a person's priority sets the level back, and each side gets a note naming
/// the person, even when the sync's own write made Guance name the sync as the last updator.
@Suite("Assignees and priorities (separate processes)", .serialized)
struct AssigneePriorityTests {
    typealias Support = PipelineTestSupport
    typealias World = AssigneeWorld

    @Test("assign and prioritise in either product; unmapped people change nothing", arguments: World.Variant.selected)
    func bothWays(variant: World.Variant) async throws {
        var world = try await World(variant)
        try world.startStages()
        let logs = world.deployment.directory.path
        let created = try await world.issueWithTwin("订单服务 5xx 激增 (\(variant))")
        let (uuid, key) = try #require(created, "no Jira twin; logs in \(logs)")

        // Guance → Jira: 张伟 assigns 李娜 (paired explicitly; on Data Center by name while Jira says key).
        // The sync's own write hides him: while guance-poller is stopped Alice raises the Jira priority,
        // guance-writer writes the level, and Guance names the sync's key as the last updator. The note
        // still names 张伟 (the write's mark on the ledger says whom it displaced).
        await world.stopStages(["guance-poller"])
        try await world.control.guanceAssign(issue: uuid, managers: [World.lina.guance], by: World.zhang.guance)
        try await world.control.jiraUserSetsPriority(key, priorityId: "2")
        let raised = try await Support.eventually { try await world.guanceSide(uuid).level == "system_level_1" ? true : nil }
        #expect(raised == true, "Guance level did not follow the Jira priority; logs in \(logs)")
        try world.startStages(["guance-poller"])
        let assigned = try await Support.eventually { try await world.jiraSide(key).assignee == "lina" ? true : nil }
        #expect(assigned == true, "Jira assignee did not become lina; logs in \(logs)")

        // Jira → Guance: Alice assigns Bob in Jira; policy add: Bob joins 李娜.
        try await world.jiraAssigns(key, to: World.bob)
        let added = try await Support.eventually { () -> [String]? in
            let managers = try await world.guanceSide(uuid).managers
            return Set(managers) == [World.lina.guance, World.bob.guance] ? managers : nil
        }
        #expect(added != nil, "Guance assignees did not become 李娜 + Bob; logs in \(logs)")

        // Unmapped: 王芳 has no Jira user. Jira keeps Bob; one log line, however often she comes up.
        try await world.control.guanceAssign(issue: uuid, managers: [World.wang.guance], by: World.zhang.guance)
        let logged = try await Support.eventually {
            world.logLines(of: "jira-writer", containing: "has no partner", World.wang.guance).isEmpty ? nil : true
        }
        #expect(logged == true, "no log line for the unmapped assignee; logs in \(logs)")
        try await world.control.guanceAssign(issue: uuid, managers: [World.wang.guance, "group_sre"], by: World.alice.guance)
        let teamLogged = try await Support.eventually {
            world.logLines(of: "jira-writer", containing: "has no partner", "group_sre").isEmpty ? nil : true
        }
        #expect(teamLogged == true, "no log line for the unmapped team; logs in \(logs)")
        let kept = try await world.jiraSide(key).assignee
        #expect(kept == "bob", "an unmapped assignee changed Jira; logs in \(logs)")
        #expect(world.logLines(of: "jira-writer", containing: "has no partner", World.wang.guance).count == 1)

        // Level → priority, once: P2 → P0 maps to priority 1.
        try await world.control.guanceLevel(issue: uuid, level: "system_level_0", by: World.zhang.guance)
        let prioritised = try await Support.eventually { try await world.jiraSide(key).priority == "1" ? true : nil }
        #expect(prioritised == true, "Jira priority did not follow the level; logs in \(logs)")

        // Priority → level (opt-in): Alice sets priority 3 (Medium) in Jira → system_level_2.
        try await world.control.jiraUserSetsPriority(key, priorityId: "3")
        let leveled = try await Support.eventually { try await world.guanceSide(uuid).level == "system_level_2" ? true : nil }
        #expect(leveled == true, "Guance level did not follow the Jira priority; logs in \(logs)")

        // Quiet: nothing bounces (several poll intervals), each change was written once.
        let before = try #require(try await world.settledWriteCounts(), "writes never stopped; logs in \(logs)")
        try await Task.sleep(for: .seconds(8))
        let after = try await world.control.writeCounts()
        #expect(after.guance == before.guance && after.jira == before.jira, "writes while idle: \(before) → \(after); logs in \(logs)")
        #expect(world.logLines(of: "jira-writer", containing: "priority synced to Jira").count == 1, "logs in \(logs)")
        #expect(world.logLines(of: "jira-writer", containing: "assignee synced to Jira").count == 1, "logs in \(logs)")
        #expect(world.logLines(of: "guance-writer", containing: "assignee synced to Guance").count == 1, "logs in \(logs)")
        #expect(world.logLines(of: "guance-writer", containing: "priority synced to Guance").count == 2, "logs in \(logs)")
        let finalPriority = try await world.jiraSide(key).priority
        let finalLevel = try await world.guanceSide(uuid).level
        #expect(finalPriority == "3" && finalLevel == "system_level_2")

        // Notes on the other side say who changed what.
        let comments = try await world.control.jiraIssues(label: "guance-\(uuid)").first?.comments ?? []
        let texts = comments.map { SimulatedStageEnvironment.plainText($0["body"]) }
        #expect(texts.contains { $0.contains("Assigned to 李娜 in Guance by 张伟") }, "Jira notes: \(texts)")
        #expect(texts.contains { $0.contains("the Guance level was set to") && $0.contains("张伟") }, "Jira notes: \(texts)")
        let (_, replies) = try await world.control.guanceIssue(uuid)
        let notes = replies.compactMap { $0["content"] as? String }
        #expect(notes.contains { $0.contains("Assigned to Bob Chen in Jira \(key)") }, "Guance notes: \(notes)")
        #expect(notes.contains { $0.contains("Priority set to") && $0.contains(key) }, "Guance notes: \(notes)")

        await world.stopStages()
        await world.deployment.stop()
    }
}
