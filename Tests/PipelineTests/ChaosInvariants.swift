import Foundation
import SimulatorControl

/// The promises a chaos run checks once it is quiet, read from both simulators' state: exactly one
/// Jira issue per Guance issue, every human reply and comment mirrored exactly once (reading as last
/// edited), nothing the sync wrote copied back, and both sides agreeing on every status.
struct ChaosInvariants: Sendable {
    /// Broken promises (empty = every invariant holds).
    var violations: [String] = []
    /// Invariants checked.
    var checked = 0
    /// Unmet conditions that convergence still waits for (subset of the checks that time can fix).
    var pending: [String] = []

    init(guance: [String: Any], jira: [String: Any], issues: [String], replies: [ChaosWorkload.Message], comments: [ChaosWorkload.Message]) {
        let jiraIssues = jira["issues"] as? [[String: Any]] ?? []
        let jiraComments = jira["comments"] as? [[String: Any]] ?? []
        let guanceIssues = guance["issues"] as? [[String: Any]] ?? []
        let guanceReplies = (guance["replies"] as? [[String: Any]] ?? []).filter { $0["type"] as? String != "change" }

        // One Jira issue per Guance issue.
        var twinsByIssue: [String: [[String: Any]]] = [:]
        for issue in jiraIssues {
            for label in issue["labels"] as? [String] ?? [] where label.hasPrefix("guance-") {
                twinsByIssue[String(label.dropFirst("guance-".count)), default: []].append(issue)
            }
        }
        for uuid in issues {
            let twins = twinsByIssue[uuid] ?? []
            check(twins.count == 1, "Guance issue \(uuid) has \(twins.count) Jira issues \(twins.compactMap { $0["key"] as? String })", canWait: twins.isEmpty)
        }
        check(Set(twinsByIssue.keys).isSubset(of: Set(issues)), "Jira issues for unknown Guance issues: \(Set(twinsByIssue.keys).subtracting(issues))", canWait: false)

        // Each human Guance reply once in Jira, as last edited.
        var commentsByReply: [String: [[String: Any]]] = [:]
        for comment in jiraComments {
            if let reply = Self.markedReply(comment) { commentsByReply[reply, default: []].append(comment) }
        }
        for reply in replies {
            let mirrors = commentsByReply[reply.id] ?? []
            if reply.deleted {
                check(mirrors.count <= 1, "deleted Guance reply \(reply.id) has \(mirrors.count) Jira comments", canWait: false)
                // The default policy (`note`): a mirrored reply's deletion is noted, and stays noted.
                if let mirror = mirrors.first {
                    let text = SimulatedStageEnvironment.plainText(mirror["body"])
                    check(text.contains("[Deleted in Guance"), "Jira comment \(mirror["id"] ?? "?") of deleted Guance reply \(reply.id) has no deletion note: \(text.suffix(80))", canWait: true)
                }
            } else {
                check(mirrors.count == 1, "Guance reply \(reply.id) has \(mirrors.count) Jira comments", canWait: mirrors.isEmpty)
                if let mirror = mirrors.first {
                    let text = SimulatedStageEnvironment.plainText(mirror["body"])
                    check(text.contains(reply.text), "Jira comment \(mirror["id"] ?? "?") reads \(text.prefix(80)), not \(reply.text)", canWait: true)
                }
            }
        }

        // Each human Jira comment once in Guance, as last edited.
        var repliesByComment: [String: [[String: Any]]] = [:]
        for reply in guanceReplies {
            if let comment = Self.markedComment(reply) { repliesByComment[comment, default: []].append(reply) }
        }
        for comment in comments {
            let mirrors = (repliesByComment[comment.id] ?? []).filter { ($0["deleteAt"] as? Int ?? -1) <= 0 }
            if comment.deleted {
                check(mirrors.count <= 1, "deleted Jira comment \(comment.id) has \(mirrors.count) Guance replies", canWait: false)
            } else {
                check(mirrors.count == 1, "Jira comment \(comment.id) has \(mirrors.count) Guance replies", canWait: mirrors.isEmpty)
                if let mirror = mirrors.first {
                    let content = mirror["content"] as? String ?? ""
                    check(content.contains(comment.text), "Guance reply \(mirror["uuid"] ?? "?") reads \(content.prefix(80)), not \(comment.text)", canWait: true)
                }
            }
        }

        // Nothing the sync wrote was copied back.
        let humanReplies = Set(replies.map(\.id))
        for comment in jiraComments where comment["author"] as? String != "alice" {
            let reply = Self.markedReply(comment)
            check(reply.map { humanReplies.contains($0) || $0.hasPrefix("reopen-") } ?? false,
                "Jira comment \(comment["id"] ?? "?") by the sync mirrors no human Guance reply (\(reply ?? "no marker"))", canWait: false)
        }
        let humanComments = Set(comments.map(\.id))
        for reply in guanceReplies where (reply["creator"] as? String ?? "").hasPrefix("wsak_") {
            let comment = Self.markedComment(reply)
            check(comment.map { humanComments.contains($0) } ?? false,
                "Guance reply \(reply["uuid"] ?? "?") by the sync mirrors no human Jira comment (\(comment ?? "no marker"))", canWait: false)
        }

        // Both sides agree on every status.
        let twinCategory = twinsByIssue.compactMapValues { $0.count == 1 ? $0[0]["statusCategory"] as? String : nil }
        for issue in guanceIssues {
            guard let uuid = issue["uuid"] as? String, issues.contains(uuid), let statusType = issue["statusType"] as? Int,
                let category = twinCategory[uuid]
            else { continue }
            let guanceDone = [20, 25].contains(statusType)
            check(guanceDone == (category == "done"), "\(uuid): Guance \(statusType), Jira \(category)", canWait: true)
        }
    }

    /// The last human decision wins: for every issue whose last status decision came at least
    /// ``decisionGap`` after the one before it (on either side), both sides end in its category — unless
    /// the sync wrote that side within ``collisionWindow`` of it (a person acting between the sync's read
    /// and its write: neither API has conditional writes, so such a pair only has to agree).
    mutating func checkLastDecisions(_ decisions: [ChaosDecision], guance: [String: Any], jira: [String: Any]) {
        let guanceDone = Dictionary(
            (guance["issues"] as? [[String: Any]] ?? []).compactMap { issue in
                (issue["uuid"] as? String).map { ($0, [20, 25].contains(issue["statusType"] as? Int ?? 10)) }
            }, uniquingKeysWith: { first, _ in first })
        var jiraDone: [String: Bool] = [:]
        var issueOfJiraId: [String: String] = [:]
        for issue in jira["issues"] as? [[String: Any]] ?? [] {
            for label in issue["labels"] as? [String] ?? [] where label.hasPrefix("guance-") {
                let uuid = String(label.dropFirst("guance-".count))
                jiraDone[uuid] = issue["statusCategory"] as? String == "done"
                issueOfJiraId[issue["id"] as? String ?? ""] = uuid
            }
        }
        let syncWrites = Self.syncStatusWrites(guance: guance, jira: jira, issueOfJiraId: issueOfJiraId)
        for (issue, ordered) in Dictionary(grouping: decisions, by: \.issue) {
            guard let last = ordered.last else { continue }
            if ordered.count > 1, last.at.timeIntervalSince(ordered[ordered.count - 2].at) < Self.decisionGap { continue }
            let collided = syncWrites[issue, default: []].contains { write in
                write.onJira == last.onJira && write.at >= last.at.addingTimeInterval(-1) && write.at <= last.at.addingTimeInterval(Self.collisionWindow)
            }
            if collided { continue }
            check(guanceDone[issue] == last.done && jiraDone[issue] == last.done,
                "\(issue): the last decision (\(last.onJira ? "Jira" : "Guance") \(last.done ? "done" : "open") at \(last.at)) lost: Guance done \(String(describing: guanceDone[issue])), Jira done \(String(describing: jiraDone[issue]))",
                canWait: true)
        }
    }

    /// How far apart two decisions must be for the later one to be the expected end state.
    static let decisionGap: TimeInterval = 3
    /// How soon after a person's change a sync write on the same side counts as a read/write collision.
    static let collisionWindow: TimeInterval = 2

    /// The sync's own status writes per Guance issue: Guance status changes by a `wsak_` key, Jira
    /// transitions by the sync account.
    static func syncStatusWrites(guance: [String: Any], jira: [String: Any], issueOfJiraId: [String: String]) -> [String: [(onJira: Bool, at: Date)]] {
        var writes: [String: [(onJira: Bool, at: Date)]] = [:]
        for reply in guance["replies"] as? [[String: Any]] ?? [] {
            guard reply["type"] as? String == "change", (reply["content"] as? String ?? "").contains("changed the status"),
                let issue = reply["issueUUID"] as? String, (reply["creator"] as? String ?? "").hasPrefix("wsak_")
            else { continue }
            let seconds = (reply["createAt"] as? Double) ?? Double(reply["createAt"] as? Int ?? 0)
            writes[issue, default: []].append((false, Date(timeIntervalSince1970: seconds)))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        for transition in jira["transitions"] as? [[String: Any]] ?? [] {
            guard transition["author"] as? String != "alice", let issue = issueOfJiraId[transition["issueId"] as? String ?? ""],
                let at = (transition["at"] as? String).flatMap(formatter.date(from:))
            else { continue }
            writes[issue, default: []].append((true, at))
        }
        return writes
    }

    private mutating func check(_ holds: Bool, _ violation: @autoclosure () -> String, canWait: Bool) {
        checked += 1
        guard !holds else { return }
        violations.append(violation())
        if canWait { pending.append(violation()) }
    }

    /// Whether only conditions that more time can fix are unmet.
    var onlyPending: Bool { violations.count == pending.count }

    /// The Guance reply a Jira comment's property marks (the sync's mirror of it).
    static func markedReply(_ comment: [String: Any]) -> String? {
        for case let value as [String: Any] in (comment["properties"] as? [String: Any] ?? [:]).values {
            if value["origin"] as? String == "guance", let reply = value["replyUuid"] as? String { return reply }
        }
        return nil
    }

    /// The Jira comment a Guance reply's marker names (the sync's mirror of it).
    static func markedComment(_ reply: [String: Any]) -> String? {
        let marker = (reply["extend"] as? [String: Any])?["guanceJiraSync"] as? [String: Any]
        guard marker?["origin"] as? String == "jira" else { return nil }
        return (marker?["commentId"] as? String) ?? (marker?["commentId"] as? Int).map(String.init)
    }
}
