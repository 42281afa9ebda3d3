import Foundation
import Logging

/// Logging set-up of the executables: JSON lines when stderr is not a terminal (or
/// `SYNC_LOG_FORMAT=json`), readable text otherwise; level from `SYNC_LOG_LEVEL` (default info).
package enum StageLogging {
    /// Bootstraps the process-wide logging system once; call first thing in `main`.
    package static func bootstrap(environment: [String: String]) {
        let json: Bool
        switch environment["SYNC_LOG_FORMAT"]?.lowercased() {
        case "json": json = true
        case "text": json = false
        default: json = isatty(STDERR_FILENO) == 0
        }
        let level = environment["SYNC_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
