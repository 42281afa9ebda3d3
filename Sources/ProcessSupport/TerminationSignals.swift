import Dispatch
import Foundation

/// SIGINT and SIGTERM as an awaitable event, for the executables' graceful shutdown.
///
/// Creating it replaces the default handlers (which kill the process at once), so the process can
/// flush, commit and close before it exits. Create it early in `run()`, before anything that takes
/// time to stop, and keep it alive (the dispatch sources live as long as the value); hand
/// ``events`` to other tasks.
public struct TerminationSignals {
    /// Every SIGINT/SIGTERM received, as its signal number.
    public let events: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    /// Starts listening for SIGINT and SIGTERM.
    public init() {
        let (events, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(4))
        self.events = events
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Returns the number of the first signal received (or `nil` if the task is cancelled first).
    @discardableResult
    public func wait() async -> Int32? {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
    }
}
