import Foundation

/// One measured phase: how many messages in how much time, plus latencies when known.
struct BenchResult {
    var messageCount: Int
    var elapsed: Duration
    var latencies: [Duration] = []

    var messagesPerSecond: Double {
        Double(messageCount) / max(elapsed.seconds, 1e-9)
    }

    /// The `fraction` quantile of ``latencies``.
    func latency(quantile fraction: Double) -> Duration? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }

    func line(label: String) -> String {
        var text = String(format: "%@: %d msgs in %.3f s = %.0f msgs/s", label, messageCount, elapsed.seconds, messagesPerSecond)
        if let p50 = latency(quantile: 0.5), let p99 = latency(quantile: 0.99) {
            text += String(format: ", send-to-ack p50 %.2f ms p99 %.2f ms", p50.seconds * 1000, p99.seconds * 1000)
        }
        return text
    }
}

/// Produce and consume results of one client.
struct BenchPair {
    var produce: BenchResult
    var consume: BenchResult
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Writes one line to stdout immediately (unbuffered, so progress shows even when piped).
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
