import Logging
import Synchronization

/// A swift-log handler that records every message with its metadata, for assertions.
/// Used through `Logger(label:factory:)`, never through `LoggingSystem.bootstrap`.
struct RecordingLogHandler: LogHandler {
    /// One recorded line.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    /// The shared storage of the recorded lines.
    final class Storage: Sendable {
        private let entries = Mutex<[Entry]>([])
        var all: [Entry] { entries.withLock { $0 } }
        func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }
    }

    let storage: Storage
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        storage.append(Entry(
            level: event.level,
            message: "\(event.message)",
            metadata: metadata.merging(event.metadata ?? [:]) { $1 }
        ))
    }
}
