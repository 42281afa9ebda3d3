/// What a storm creates and when: issue `i` at `i × spread / issues`, reply `j` (on issue `j`)
/// half a step after its issue.
struct StormPlan: Sendable {
    var issues: Int
    var replies: Int
    var spread: Duration

    /// When issue `index` is created, from the storm's start.
    func issueOffset(_ index: Int) -> Duration {
        issues <= 1 ? .zero : spread * (Double(index) / Double(issues))
    }

    /// When the reply on issue `index` is written, from the storm's start.
    func replyOffset(_ index: Int) -> Duration {
        issueOffset(index) + spread / max(2 * issues, 1) + .seconds(1)
    }

    /// The text of reply `index` (a token the Jira comment is recognised by).
    static func replyText(_ index: Int) -> String {
        "storm reply \(index): 正在处理 (on it) token-\(index)-storm"
    }

    /// The token reply `index`'s comment contains.
    static func replyToken(_ index: Int) -> String {
        "token-\(index)-storm"
    }
}
