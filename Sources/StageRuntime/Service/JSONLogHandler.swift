import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to stderr:
/// `{"ts":…,"level":…,"logger":…,"msg":…, <metadata>…}` — what log shippers parse without rules.
package struct JSONLogHandler: LogHandler {
    /// The logger label (the component).
    package let label: String
    /// The minimum level written.
    package var logLevel: Logger.Level = .info
    /// Metadata attached to every line of this logger.
    package var metadata: Logger.Metadata = [:]

    private static let output = Mutex(())

    /// Creates a handler for `label`.
    package init(label: String) {
        self.label = label
    }

    /// Metadata by key.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    package func log(event: LogEvent) {
        var object: [String: Any] = [
            "ts": Self.timestamp(Date()), "level": event.level.rawValue, "logger": label, "msg": "\(event.message)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged where object[key] == nil {
            object[key] = Self.plain(value)
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        line.append(0x0A)
        Self.output.withLock { _ in
            line.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    private static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
