import JiraAPI
import Synchronization

/// A sleeper that records requested waits and returns at once.
final class RecordingSleeper: JiraSleeper {
    private let waits = Mutex<[Duration]>([])

    /// Every wait requested, in order.
    var recorded: [Duration] { waits.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        waits.withLock { $0.append(duration) }
        await Task.yield()
    }
}
