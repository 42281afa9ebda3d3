/// Per-key and per-workspace request budgets over simulated time.
struct RateLimiter: Sendable {
    /// Which limit rejected a request.
    enum Rejection: Sendable, Equatable {
        case key
        case workspace
    }

    private struct Window: Sendable {
        var timestamps: [Double] = []
        var fixedWindowStart = -Double.infinity
        var fixedWindowCount = 0

        mutating func used(at now: Double, kind: GuanceRateLimitWindow) -> Int {
            switch kind {
            case .sliding:
                timestamps.removeAll { $0 <= now - 60 }
                return timestamps.count
            case .fixed:
                let start = (now / 60).rounded(.down) * 60
                if start != fixedWindowStart {
                    fixedWindowStart = start
                    fixedWindowCount = 0
                }
                return fixedWindowCount
            }
        }

        mutating func record(at now: Double, kind: GuanceRateLimitWindow) {
            switch kind {
            case .sliding: timestamps.append(now)
            case .fixed: fixedWindowCount += 1
            }
        }
    }

    var options: GuanceRateLimitOptions
    private var keyWindows: [String: Window] = [:]
    private var workspaceWindow = Window()

    init(options: GuanceRateLimitOptions) {
        self.options = options
    }

    /// Admits or rejects one request by `keyID` at simulated time `now`, recording it as the options say.
    mutating func admit(keyID: String, now: Double) -> Rejection? {
        var keyWindow = keyWindows[keyID, default: Window()]
        defer { keyWindows[keyID] = keyWindow }
        let keyUsed = keyWindow.used(at: now, kind: options.window)
        let workspaceUsed = workspaceWindow.used(at: now, kind: options.window)
        let rejection: Rejection? =
            if let limit = options.perKeyPerMinute, keyUsed >= limit {
                .key
            } else if let limit = options.perWorkspacePerMinute, workspaceUsed >= limit {
                .workspace
            } else {
                nil
            }
        if rejection == nil || options.countsThrottledRequests {
            keyWindow.record(at: now, kind: options.window)
            workspaceWindow.record(at: now, kind: options.window)
        }
        return rejection
    }

    /// Forgets every recorded request.
    mutating func reset() {
        keyWindows = [:]
        workspaceWindow = Window()
    }
}
