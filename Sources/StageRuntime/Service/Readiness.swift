import Foundation
import Synchronization

/// Named readiness checks (`kafka`, `guance`, `jira`, …) that components update as they learn
/// whether their dependency answers; `/readyz` is ready when every registered check passes.
package final class Readiness: Sendable {
    private let checks = Mutex<[String: Status]>([:])

    /// The state of one check.
    package struct Status: Sendable, Equatable {
        /// Whether the dependency answered as expected last time.
        package var ready: Bool
        /// A short explanation (never a secret).
        package var detail: String
    }

    /// Creates an empty set of checks (ready).
    package init() {}

    /// Registers or updates a check.
    package func set(_ name: String, ready: Bool, detail: String = "") {
        checks.withLock { $0[name] = Status(ready: ready, detail: detail) }
    }

    /// Whether every check passes.
    package var isReady: Bool {
        checks.withLock { $0.values.allSatisfy(\.ready) }
    }

    /// Every check, by name.
    package var statuses: [String: Status] {
        checks.withLock { $0 }
    }

    /// A plain-text report, one `name: ok|failing (detail)` line per check.
    package var report: String {
        statuses.sorted { $0.key < $1.key }.map { name, status in
            "\(name): \(status.ready ? "ok" : "failing")\(status.detail.isEmpty ? "" : " (\(status.detail))")"
        }.joined(separator: "\n") + "\n"
    }
}
