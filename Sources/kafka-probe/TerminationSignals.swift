import Dispatch
import Foundation

/// SIGINT and SIGTERM as an awaitable event; the default handlers (which kill the process)
/// are disabled so the consumer can close gracefully.
struct TerminationSignals {
    private let received: AsyncStream<Void>
    private let sources: [any DispatchSourceSignal]

    init() {
        let (received, continuation) = AsyncStream<Void>.makeStream()
        self.received = received
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    /// Returns when the first signal arrives.
    func wait() async {
        var iterator = received.makeAsyncIterator()
        _ = await iterator.next()
    }
}
