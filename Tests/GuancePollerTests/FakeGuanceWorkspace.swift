import Foundation
import GuanceAPI

/// An in-memory Guance workspace for the poller tests: issues and replies with second timestamps,
/// listed the two ways issue/list might filter its time window.
struct FakeGuanceWorkspace {
    enum WindowField { case createAt, updateAt }

    struct Issue {
        var name: String
        var createAt: Int
        var updateAt: Int
    }

    struct Reply {
        var content: String
        var createAt: Int
        var updateAt: Int = -1
        var deleteAt: Int = -1
    }

    var windowField: WindowField
    var replyBumpsIssue: Bool
    var issues: [String: Issue] = [:]
    var replies: [String: [String: Reply]] = [:]

    mutating func addIssue(_ uuid: String, name: String, at time: Int) {
        issues[uuid] = Issue(name: name, createAt: time, updateAt: time)
    }

    mutating func rename(_ uuid: String, to name: String, at time: Int) {
        issues[uuid]?.name = name
        issues[uuid]?.updateAt = time
    }

    mutating func addReply(_ uuid: String, to issue: String, content: String, at time: Int) {
        replies[issue, default: [:]][uuid] = Reply(content: content, createAt: time)
        if replyBumpsIssue { issues[issue]?.updateAt = time }
    }

    mutating func editReply(_ uuid: String, of issue: String, content: String, at time: Int) {
        replies[issue]?[uuid]?.content = content
        replies[issue]?[uuid]?.updateAt = time
        if replyBumpsIssue { issues[issue]?.updateAt = time }
    }

    mutating func deleteReply(_ uuid: String, of issue: String, at time: Int) {
        replies[issue]?[uuid]?.deleteAt = time
        if replyBumpsIssue { issues[issue]?.updateAt = time }
    }

    /// issue/list with a time window, on whichever field this workspace filters.
    func list(from start: Date, to end: Date) throws -> [GuanceIssue] {
        try issues.filter { _, issue in
            let time = Double(windowField == .createAt ? issue.createAt : issue.updateAt)
            return time >= start.timeIntervalSince1970 && time <= end.timeIntervalSince1970
        }.map { try object($0.key, $0.value) }
    }

    /// issue/list without a time window.
    func listAll() throws -> [GuanceIssue] {
        try issues.map { try object($0.key, $0.value) }
    }

    func replyList(of issue: String) throws -> [GuanceReply] {
        try (replies[issue] ?? [:]).map { uuid, reply in
            try GuanceFixtures.humanReply(
                uuid, issue: issue, content: reply.content, createAt: reply.createAt, updateAt: reply.updateAt,
                deleteAt: reply.deleteAt)
        }
    }

    private func object(_ uuid: String, _ issue: Issue) throws -> GuanceIssue {
        try GuanceFixtures.simpleIssue(uuid, name: issue.name, createAt: issue.createAt, updateAt: issue.updateAt)
    }
}
