import Dispatch

/// A serial dispatch queue that runs blocking librdkafka calls off Swift's cooperative pool,
/// bridged back to async code with a continuation.
struct BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` on the queue and returns its result.
    func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Runs `work` on the queue every `interval` (the first time one interval from now) until the
    /// returned timer is cancelled. A dispatch timer, so a busy concurrency pool cannot delay it.
    func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void) -> any DispatchSourceTimer {
        let milliseconds = Int(clamping: max(interval.wholeMilliseconds, 1))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
        timer.setEventHandler(handler: work)
        timer.resume()
        return timer
    }
}
