import Foundation
import StageRuntime
import Synchronization
import SyncCore

/// A handler that records what it saw, fails on demand, and can dead-letter chosen replies.
final class RecordingHandler: SyncEventHandler {
    struct Seen: Sendable, Hashable {
        var issue: String
        var reply: String
        var attempt: Int
    }

    private let seen = Mutex<[Seen]>([])
    /// Replies that fail (retry) this many times before succeeding.
    let transientFailures: [String: Int]
    /// Replies that are rejected for good.
    let rejected: Set<String>

    init(transientFailures: [String: Int] = [:], rejected: Set<String> = []) {
        self.transientFailures = transientFailures
        self.rejected = rejected
    }

    func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
        guard case .guanceReplyCreated(let reply) = event.body else { return .applied(effect: "noop") }
        seen.withLock { $0.append(Seen(issue: reply.issueUUID, reply: reply.replyUUID, attempt: attempt)) }
        // A little work, so that keys really interleave.
        try? await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
        if rejected.contains(reply.replyUUID) {
            return .deadLetter(DeadLetter.Reason(code: "rejected", message: "field priority cannot be set"))
        }
        if attempt <= transientFailures[reply.replyUUID, default: 0] {
            return .retry(after: .milliseconds(50), reason: "HTTP 503")
        }
        return .applied(effect: "test_effect")
    }

    /// Final (successful or dead-lettered) handlings, in order.
    var completed: [Seen] {
        seen.withLock { all in
            all.filter { $0.attempt > transientFailures[$0.reply, default: 0] || rejected.contains($0.reply) }
        }
    }

    var all: [Seen] { seen.withLock { $0 } }
}
