import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM without blocking a thread.
final class TerminationSignals: Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Starts listening (the default handlers are disabled so the process does not die).
    init() {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: .global())
        }
    }

    /// Returns when the first signal arrives.
    func wait() async {
        let sources = sources
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = ResumeOnce(continuation)
            for source in sources {
                source.setEventHandler { resumed.resume() }
                source.resume()
            }
        }
    }
}

/// Resumes a continuation at most once, whichever signal comes first.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume() {
        continuation.withLock { $0.take() }?.resume()
    }
}
