import Foundation
import RichText
import SyncCore

/// Guance activity the poller tests create through the simulator's control API.
enum Scenario {
    /// The `extend` of a reply the sync wrote (mirrored from a Jira comment).
    static let syncMarker: JSONValue = .object([
        GuanceReplyMarker.extendKey: .object(["origin": .string("jira"), "commentId": .string("10001")]),
    ])

    /// `guance.syncFrom` for a deployment whose issues are seeded before the poller starts: a
    /// minute before now, so every issue seeded afterwards is in scope however long the seeding takes.
    /// Without it the first start takes now − overlap (2 min here), and on a loaded CI machine a
    /// seeding slower than that left its first issue out of scope, correctly (CI19, CI20).
    static func syncFromBeforeSeeding() -> [String: String] {
        ["syncFrom": "\"" + Date().addingTimeInterval(-60).formatted(.iso8601) + "\""]
    }

    /// Creates `count` issues — every third made by a monitor (`checker`), the others by a member —
    /// with Chinese titles, HTML descriptions and a mix of replies: human replies (two authors),
    /// `change` entries, replies the sync wrote (marked, and by the sync key) that must not be mirrored.
    /// - Returns: the issue UUIDs and, per issue, the UUID of its first human reply.
    static func seed(_ guance: GuanceSimulatorControl, count: Int, offset: Int = 0) async throws -> [(issue: String, reply: String)] {
        var seeded: [(issue: String, reply: String)] = []
        for index in offset..<(offset + count) {
            let monitor = index % 3 == 0
            let issue = try await guance.createIssue(
                name: monitor ? "主机 db-\(index) CPU 使用率过高 🔥" : "支付服务响应超时 #\(index)",
                description: "<p>告警详情：<b>db-\(index)</b> 在 <i>华东</i> 区域</p><ul><li>阈值 90%</li><li>当前 97%</li></ul>",
                actor: monitor ? .string("monitor") : nil,
                resourceType: monitor ? "checker" : "", resource: monitor ? "CPU 监控 \(index)" : "")
            let reply = try await guance.addReply(to: issue, content: "<p>正在排查 \(index)，请稍候</p>")
            if index % 2 == 0 {
                try await guance.addReply(
                    to: issue, content: "Looking into it (\(index)) — <a href=\"https://wiki.example/x\">runbook</a>",
                    actor: .string(GuanceSimulatorControl.alice))
            }
            if index % 4 == 0 {
                try await guance.addReply(to: issue, content: "状态变更 \(index)", type: "change", actor: .string("monitor"))
            }
            if index % 5 == 0 {
                try await guance.addReply(
                    to: issue, content: "来自 Jira 的评论 \(index)", actor: .string(GuanceSimulatorControl.syncKeyID),
                    extend: syncMarker)
            }
            if index % 7 == 0 {
                try await guance.addReply(
                    to: issue, content: "Jira: OPS-\(index)", actor: .string(GuanceSimulatorControl.syncKeyID))
            }
            seeded.append((issue, reply))
        }
        return seeded
    }
}
