import Foundation
import SimulatorControl

/// What people (and the monitor) do during a chaos run, drawn from the seed: Guance issues in
/// storms and one by one, Guance replies and Jira comments (Chinese and emoji) with edits and
/// deletions, status changes on both sides — some faster than a poll, some on both sides within a second.
/// Remembers what each message should finally read, for ``ChaosInvariants``.
actor ChaosWorkload {
    /// A human message on one side, and what it should read now.
    struct Message: Sendable {
        var id: String
        var issue: String
        var text: String
        var deleted = false
    }

    private let control: SimulatorControl
    private var random: SeededGenerator
    private let seed: UInt64
    private(set) var issues: [String] = []
    private(set) var guanceReplies: [String: Message] = [:]
    private(set) var jiraComments: [String: Message] = [:]
    private(set) var counts: [String: Int] = [:]
    /// Every status change that moved a side to the other category, oldest first.
    private(set) var decisions: [ChaosDecision] = []
    private var twins: [String: String] = [:]
    private var issueLimit = 0

    static let member = "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    static let phrases = ["数据库连接池耗尽 🔥", "已回滚到 v2.3.1 ✅", "正在排查 🕵️ CPU 飙升", "payment gateway 超时 ⏱️", "重启后恢复 🙏"]

    init(control: SimulatorControl, seed: UInt64) {
        self.control = control
        self.seed = seed
        random = SeededGenerator(seed: seed)
    }

    /// Plays `profile`'s workload, spread evenly over its fault phase.
    func play(_ profile: ChaosProfile) async throws {
        issueLimit = profile.issues
        var plan = Array(repeating: "issue", count: max(1, profile.issues / 2))
            + Array(repeating: "message", count: profile.messages)
            + Array(repeating: "status", count: profile.statusChanges)
        plan.shuffle(using: &random)
        // A few issues first, so there is something to reply to.
        plan.insert(contentsOf: ["issue", "issue", "issue"], at: 0)
        let pause = profile.faultPhase / plan.count
        for action in plan {
            try await step(action)
            try await Task.sleep(for: pause)
        }
    }

    private func step(_ action: String) async throws {
        switch action {
        case "issue": try await createIssues()
        case "message": try await message()
        default: try await changeStatus()
        }
    }

    private func bump(_ what: String) { counts[what, default: 0] += 1 }

    private func text(_ index: Int) -> String {
        "\(Self.phrases[Int.random(in: 0..<Self.phrases.count, using: &random)]) #\(seed)-\(index)"
    }

    /// A monitor storm (2–5 issues at once) or one issue a member opens, up to the profile's number of issues.
    private func createIssues() async throws {
        let storm = Bool.random(using: &random)
        let count = min(storm ? Int.random(in: 2...5, using: &random) : 1, issueLimit - issues.count)
        for _ in 0..<max(count, 0) {
            let index = issues.count
            let uuid = try await control.guanceCreateIssue(
                name: "混沌测试 chaos \(seed) #\(index)", description: "<p>\(text(index))</p>", actor: storm ? "monitor" : nil)
            issues.append(uuid)
            bump(storm ? "issues by the monitor" : "issues by people")
        }
    }

    /// A new Guance reply or Jira comment, or an edit or deletion of one.
    private func message() async throws {
        guard let issue = issues.randomElement(using: &random) else { return }
        let roll = Int.random(in: 0..<10, using: &random)
        let onJira = Bool.random(using: &random)
        if roll < 7 {
            if onJira { try await jiraComment(issue) } else { try await guanceReply(issue) }
        } else if onJira, let id = jiraComments.values.filter({ !$0.deleted }).map(\.id).sorted().randomElement(using: &random) {
            try await changeJiraComment(id, delete: roll == 9)
        } else if let id = guanceReplies.values.filter({ !$0.deleted }).map(\.id).sorted().randomElement(using: &random) {
            try await changeGuanceReply(id, delete: roll == 9)
        }
    }

    private func guanceReply(_ issue: String) async throws {
        let content = text(guanceReplies.count)
        let uuid = try await control.guanceMemberReplies(issue: issue, content: content)
        guanceReplies[uuid] = Message(id: uuid, issue: issue, text: content)
        bump("Guance replies")
    }

    private func changeGuanceReply(_ uuid: String, delete: Bool) async throws {
        if delete {
            _ = try await control.call(control.guanceURL + "/__sim/replies/\(uuid)/delete", body: [:])
            guanceReplies[uuid]?.deleted = true
            bump("Guance replies deleted")
        } else {
            let content = "✏️ " + text(guanceReplies.count)
            _ = try await control.call(control.guanceURL + "/__sim/replies/\(uuid)/modify", body: ["content": content])
            guanceReplies[uuid]?.text = content
            bump("Guance replies edited")
        }
    }

    private func jiraComment(_ issue: String) async throws {
        guard let key = try await twin(of: issue) else { return try await guanceReply(issue) }
        let content = text(jiraComments.count)
        let answer = try await control.call(commentURL(key), body: ["body": Self.document(content)])
        guard let id = answer["id"] as? String else { return }
        jiraComments[id] = Message(id: id, issue: issue, text: content)
        bump("Jira comments")
    }

    private func changeJiraComment(_ id: String, delete: Bool) async throws {
        guard let comment = jiraComments[id], let key = twins[comment.issue] else { return }
        if delete {
            _ = try await control.call(commentURL(key) + "/\(id)", method: .DELETE)
            jiraComments[id]?.deleted = true
            bump("Jira comments deleted")
        } else {
            let content = "✏️ " + text(jiraComments.count)
            _ = try await control.call(commentURL(key) + "/\(id)", method: .PUT, body: ["body": Self.document(content)])
            jiraComments[id]?.text = content
            bump("Jira comments edited")
        }
    }

    /// A status change on one side; one in four is followed within a second by a change on the other side.
    private func changeStatus() async throws {
        guard let issue = issues.randomElement(using: &random) else { return }
        let bothSides = Int.random(in: 0..<4, using: &random) == 0
        let startInJira = Bool.random(using: &random)
        for side in bothSides ? [startInJira, !startInJira] : [startInJira] {
            if side {
                guard let key = try await twin(of: issue) else { continue }
                let category = Bool.random(using: &random) ? "done" : "new"
                do {
                    try await control.jiraUserTransitions(key, toCategory: category)
                    bump("Jira status changes")
                    // A transition taken is a decision, also within a category (Done → Closed): the sync
                    // carries status values where the mapping tells them apart, and treats it as one.
                    decisions.append(ChaosDecision(issue: issue, onJira: true, done: category == "done", at: Date()))
                } catch is SimulatorControlError {
                    bump("Jira status changes not applicable")
                }
            } else {
                let statusType = [10, 20, 25].randomElement(using: &random)!
                let byMonitor = Bool.random(using: &random)
                // The status replaced is read in the same step as the change: read before it, a write the
                // sync made in between would hide a reopen of what the sync had just resolved.
                let before = try await control.guanceStatus(issue: issue, statusType: statusType, by: byMonitor ? "monitor" : Self.member)
                bump(byMonitor ? "Guance status changes by the monitor" : "Guance status changes by people")
                // A move within a category (Closed 25 → Resolved 20) is a decision too (see above).
                if let before, before != statusType {
                    decisions.append(ChaosDecision(issue: issue, onJira: false, done: statusType != 10, at: Date()))
                }
            }
            if bothSides { try await Task.sleep(for: .milliseconds(Int.random(in: 100...900, using: &random))) }
        }
    }

    /// The Jira twin of a Guance issue once it exists.
    private func twin(of issue: String) async throws -> String? {
        if let key = twins[issue] { return key }
        let found = try await control.jiraIssues(label: "guance-\(issue)")
        guard let key = found.first?.issue["key"] as? String else { return nil }
        twins[issue] = key
        return key
    }

    private func commentURL(_ key: String) -> String {
        control.jiraURL + "/__sim/as/alice/rest/api/3/issue/\(key)/comment"
    }

    static func document(_ text: String) -> [String: Any] {
        ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": text]]]]]
    }
}

/// A person's (or the monitor's) status change that moved one side to the other category.
struct ChaosDecision: Sendable {
    var issue: String
    var onJira: Bool
    var done: Bool
    var at: Date
}
