import Foundation
import SyncCore

/// How a poller's checkpoint (``PollerCheckpointParts``) is laid out over `sync.checkpoints.v1`
/// records, each at most ``recordLimit`` bytes whatever the number of items:
///
/// - `<poller>/head`: the cursor, the summary, the offsets of the event topic up to which the
///   state reflects it, and the items' *placement* (generation and bucket count).
/// - `<poller>/items-<generation>-<bucket>`: the items whose key hashes (FNV-1a) to the bucket,
///   each as JSON under its key.
///
/// Saves are incremental (``PollerCheckpointWriter``): only the buckets holding an item that was
/// added, changed or removed are written, then the head. When a bucket would outgrow the limit,
/// the bucket count doubles under a new generation: every bucket of it is written, then the head
/// naming it, then the previous generation is deleted. A crash at any point leaves the head naming
/// a complete generation. Its buckets may be newer than the head (written, head not yet): the
/// events behind them were acknowledged before, and replaying events onto newer items changes
/// nothing (``PollerPolicy/fold(_:into:)`` is idempotent), so the restored state is still right.
package enum PollerCheckpointLayout {
    /// The scope of the head record.
    package static let headScope = "head"
    /// The prefix of the item records' scopes.
    package static let itemScopePrefix = "items-"
    /// The largest encoded record written (issue 12: ≤ 256 kB, far under Kafka's 1 MB default).
    package static let recordLimit = 250_000

    /// Whether `scope` is an item record's (not shown on its own by `syncctl status`: the head
    /// carries the poller's cursor and age).
    package static func isItemScope(_ scope: String) -> Bool {
        scope.hasPrefix(itemScopePrefix)
    }

    /// Which item records hold the items.
    struct Placement: Sendable, Hashable, Codable {
        /// Increases whenever the bucket count changes.
        var generation: Int
        /// Buckets `0..<buckets` of the generation.
        var buckets: Int

        /// The scope of one bucket.
        func scope(of bucket: Int) -> String { "\(itemScopePrefix)\(generation)-\(bucket)" }

        /// Every bucket's scope.
        var scopes: [String] { (0..<buckets).map(scope(of:)) }

        /// The bucket of an item key: FNV-1a, stable across processes and releases.
        func bucket(of key: String) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return Int(hash % UInt64(buckets))
        }
    }

    /// The `state` keys of the head record.
    enum HeadKey {
        static let summary = "summary"
        static let placement = "placement"
        static let offsets = "offsets"
    }

    /// What a stored checkpoint restores.
    struct Restored<Summary: Codable & Sendable, Item: Codable & Sendable & Equatable>: Sendable {
        var parts: PollerCheckpointParts<Summary, Item>
        /// The event topic's offsets the state reflects.
        var offsets: [Int32: Int64]
        var placement: Placement
        /// Every item's JSON as stored (the writer's starting point).
        var encoded: [String: String]
        var writtenAt: Date
    }

    /// Rebuilds the parts from every record of the poller (by scope); `nil` when there is no head.
    /// - Throws: ``PollerCheckpointError`` when a bucket named by the head is missing or a record
    ///   does not decode.
    static func restore<Summary: Codable & Sendable, Item: Codable & Sendable & Equatable>(
        poller: String, from records: [String: PollerCheckpoint], as _: PollerCheckpointParts<Summary, Item>.Type
    ) throws -> Restored<Summary, Item>? {
        guard let head = records[headScope] else { return nil }
        let decoder = makeDecoder()
        func decode<Value: Decodable>(_ type: Value.Type, _ key: String, in record: PollerCheckpoint) throws -> Value {
            guard let text = record.state[key] else {
                throw PollerCheckpointError(description: "checkpoint \(record.key) has no \(key)")
            }
            do {
                return try decoder.decode(type, from: Data(text.utf8))
            } catch {
                throw PollerCheckpointError(description: "checkpoint \(record.key): \(key) does not decode: \(error)")
            }
        }
        let placement = try decode(Placement.self, HeadKey.placement, in: head)
        let summary = try decode(Summary.self, HeadKey.summary, in: head)
        let offsets = try decode([String: Int64].self, HeadKey.offsets, in: head)
        var items: [String: Item] = [:]
        var encoded: [String: String] = [:]
        for scope in placement.scopes {
            guard let bucket = records[scope] else {
                throw PollerCheckpointError(description: "checkpoint record \(poller)/\(scope) is missing")
            }
            for key in bucket.state.keys {
                items[key] = try decode(Item.self, key, in: bucket)
                encoded[key] = bucket.state[key]
            }
        }
        return Restored(
            parts: PollerCheckpointParts(cursor: head.cursor, summary: summary, items: items),
            offsets: Dictionary(uniqueKeysWithValues: offsets.compactMap { key, value in Int32(key).map { ($0, value) } }),
            placement: placement, encoded: encoded, writtenAt: head.writtenAt)
    }

    /// The encoder of summaries and items: sorted keys (equal values encode equally), dates in
    /// seconds since 1970.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}

/// A checkpoint that cannot be restored or written.
package struct PollerCheckpointError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    package var description: String

    /// Creates an error.
    package init(description: String) {
        self.description = description
    }
}
