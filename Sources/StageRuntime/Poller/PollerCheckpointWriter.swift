import Foundation
import SyncCore

/// Writes a poller's checkpoint in ``PollerCheckpointLayout``, incrementally: it remembers what
/// the last save wrote, and the next one writes only the buckets whose items changed.
///
/// ``plan(_:offsets:writtenAt:)`` computes the records of a save without side effects; the
/// caller writes them in order (items, head, deletions) and then ``commit(_:)``s the plan. A save
/// that fails is simply planned again later: the plan is made against the last committed save.
struct PollerCheckpointWriter<Summary: Codable & Sendable, Item: Codable & Sendable & Equatable>: Sendable {
    typealias Layout = PollerCheckpointLayout

    /// The records of one save, to write in this order.
    struct Plan: Sendable {
        /// Item records (the changed buckets, or every bucket of a new generation).
        var items: [PollerCheckpoint]
        /// The head, written once every item record is acknowledged.
        var head: PollerCheckpoint
        /// Scopes deleted once the head is acknowledged (a previous generation, older layouts).
        var deletions: [String]
        fileprivate var saved: [String: Item]
        fileprivate var encoded: [String: String]
        fileprivate var placement: Layout.Placement
    }

    let poller: String
    private var placement: Layout.Placement?
    private var saved: [String: Item]
    private var encoded: [String: String]
    /// Records of the poller that no longer belong to its checkpoint (deleted by the next save).
    private var stale: Set<String>

    /// A writer continuing from a restored checkpoint (`nil`: nothing stored in this layout yet),
    /// deleting `stale` scopes with its first save.
    init(poller: String, restored: Layout.Restored<Summary, Item>?, stale: Set<String>) {
        self.poller = poller
        placement = restored?.placement
        saved = restored?.parts.items ?? [:]
        encoded = restored?.encoded ?? [:]
        self.stale = stale
    }

    /// The records saving `parts` with the event topic's `offsets`.
    /// - Throws: ``PollerCheckpointError`` when the summary or a single item exceeds the record
    ///   limit; encoding errors.
    func plan(
        _ parts: PollerCheckpointParts<Summary, Item>, offsets: [Int32: Int64], writtenAt: Date
    ) throws -> Plan {
        let encoder = Layout.makeEncoder()
        var encoded = encoded
        var changed = Set<String>()
        for (key, item) in parts.items where saved[key] != item {
            encoded[key] = String(decoding: try encoder.encode(item), as: UTF8.self)
            changed.insert(key)
        }
        for key in saved.keys where parts.items[key] == nil {
            encoded.removeValue(forKey: key)
            changed.insert(key)
        }
        var next = placement ?? Layout.Placement(generation: 1, buckets: Self.bucketsNeeded(for: encoded))
        var dirty = placement == nil ? Set(0..<next.buckets) : Set(changed.map(next.bucket(of:)))
        var records: [PollerCheckpoint]
        while true {
            let keys = Dictionary(grouping: encoded.keys, by: next.bucket(of:))
            records = dirty.sorted().map { bucket in
                var record = PollerCheckpoint(
                    poller: poller, scope: next.scope(of: bucket), cursor: parts.cursor, writtenAt: writtenAt)
                for key in keys[bucket] ?? [] { record.state[key] = encoded[key] }
                return record
            }
            guard try records.contains(where: { try Self.size(of: $0) > Layout.recordLimit }) else { break }
            if let single = encoded.first(where: { Self.escapedLength($0.key) + Self.escapedLength($0.value) > Layout.recordLimit / 2 }) {
                throw PollerCheckpointError(description: "checkpoint item \(poller)/\(single.key) is too large to store")
            }
            next = Layout.Placement(generation: (placement?.generation ?? 0) + 1, buckets: next.buckets * 2)
            dirty = Set(0..<next.buckets)
        }
        var head = PollerCheckpoint(
            poller: poller, scope: Layout.headScope, cursor: parts.cursor, writtenAt: writtenAt)
        head.state[Layout.HeadKey.summary] = String(decoding: try encoder.encode(parts.summary), as: UTF8.self)
        head.state[Layout.HeadKey.placement] = String(decoding: try encoder.encode(next), as: UTF8.self)
        head.state[Layout.HeadKey.offsets] = String(
            decoding: try encoder.encode(Dictionary(uniqueKeysWithValues: offsets.map { (String($0.key), $0.value) })),
            as: UTF8.self)
        guard try Self.size(of: head) <= Layout.recordLimit else {
            throw PollerCheckpointError(description: "checkpoint head \(poller)/\(Layout.headScope) is too large to store")
        }
        var deletions = stale
        if let placement, placement != next { deletions.formUnion(placement.scopes) }
        deletions.subtract(next.scopes)
        return Plan(
            items: records, head: head, deletions: deletions.sorted(), saved: parts.items, encoded: encoded,
            placement: next)
    }

    /// Makes `plan` the last save (call once its items and head were acknowledged); its
    /// deletions stay due until ``markDeleted(_:)``.
    mutating func commit(_ plan: Plan) {
        saved = plan.saved
        encoded = plan.encoded
        placement = plan.placement
        stale = Set(plan.deletions)
    }

    /// Records that `scope` was deleted.
    mutating func markDeleted(_ scope: String) {
        stale.remove(scope)
    }

    /// The bucket count (a power of two) that fills buckets to about half the record limit.
    private static func bucketsNeeded(for encoded: [String: String]) -> Int {
        let total = encoded.reduce(0) { $0 + escapedLength($1.key) + escapedLength($1.value) + 8 }
        var buckets = 1
        while total / buckets > Layout.recordLimit / 2 { buckets *= 2 }
        return buckets
    }

    /// The length of `text` as a JSON string's content (quotes and backslashes escaped).
    private static func escapedLength(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") || $1 == UInt8(ascii: "\\") ? 2 : 1) }
    }

    /// The encoded size of a record, as ``CheckpointStore`` writes it.
    private static func size(of record: PollerCheckpoint) throws -> Int {
        try SyncEventCodec.makeEncoder().encode(record).count
    }
}
