import Foundation
@testable import StageRuntime
import SyncCore
import Testing

/// The poller checkpoint layout without Kafka: record sizes, incremental saves, generations.
@Suite("Poller checkpoint layout")
struct PollerCheckpointWriterTests {
    struct Item: Codable, Sendable, Equatable {
        var text: String
    }

    typealias Parts = PollerCheckpointParts<[String: String], Item>
    typealias Writer = PollerCheckpointWriter<[String: String], Item>

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// `count` items of about `bytes` bytes each (quotes included, so escaping counts).
    static func parts(count: Int, bytes: Int = 800) -> Parts {
        var items: [String: Item] = [:]
        for index in 0..<count {
            items["issue/issue_\(index)_0123456789abcdef"] = Item(text: String(repeating: "\"回复\" ", count: bytes / 10))
        }
        return Parts(cursor: now, summary: ["syncFrom": "2026-11-01"], items: items)
    }

    /// The records of `plan` as the checkpoint topic would hold them after it (on top of `stored`).
    static func apply(_ plan: Writer.Plan, to stored: [String: PollerCheckpoint]) throws -> [String: PollerCheckpoint] {
        var stored = stored
        for record in plan.items + [plan.head] {
            stored[record.scope] = try SyncEventCodec.makeDecoder().decode(
                PollerCheckpoint.self, from: SyncEventCodec.makeEncoder().encode(record))
        }
        for scope in plan.deletions { stored.removeValue(forKey: scope) }
        return stored
    }

    @Test("a state of several MB is stored in records of at most 250 kB and restored exactly")
    func bounded() throws {
        let parts = Self.parts(count: 6_000)
        let writer = Writer(poller: "p", restored: nil, stale: ["main", "shard-3-0"])
        let plan = try writer.plan(parts, offsets: [0: 12, 3: 40], writtenAt: Self.now)
        var total = 0
        for record in plan.items + [plan.head] {
            let bytes = try SyncEventCodec.makeEncoder().encode(record).count
            total += bytes
            #expect(bytes <= PollerCheckpointLayout.recordLimit, "\(record.scope) is \(bytes) bytes")
        }
        #expect(total > 4 * PollerCheckpointLayout.recordLimit)
        #expect(plan.deletions == ["main", "shard-3-0"], "records of the older layout go with the first save")
        let stored = try Self.apply(plan, to: [:])
        let restored = try #require(try PollerCheckpointLayout.restore(poller: "p", from: stored, as: Parts.self))
        #expect(restored.parts.items == parts.items)
        #expect(restored.parts.summary == parts.summary)
        #expect(restored.parts.cursor == Self.now)
        #expect(restored.offsets == [0: 12, 3: 40])
    }

    @Test("a save after a few changes writes only their buckets and the head")
    func incremental() throws {
        var parts = Self.parts(count: 3_000)
        var writer = Writer(poller: "p", restored: nil, stale: [])
        let first = try writer.plan(parts, offsets: [:], writtenAt: Self.now)
        writer.commit(first)
        var stored = try Self.apply(first, to: [:])
        #expect(first.items.count >= 8)

        let unchanged = try writer.plan(parts, offsets: [:], writtenAt: Self.now)
        #expect(unchanged.items.isEmpty && unchanged.deletions.isEmpty)

        parts.items["issue/issue_7_0123456789abcdef"]?.text = "edited"
        parts.items.removeValue(forKey: "issue/issue_8_0123456789abcdef")
        parts.items["issue/new"] = Item(text: "new")
        let second = try writer.plan(parts, offsets: [0: 3], writtenAt: Self.now)
        #expect((1...3).contains(second.items.count))
        #expect(second.deletions.isEmpty)
        writer.commit(second)
        stored = try Self.apply(second, to: stored)

        // A restarted writer continues from what is stored, equally incremental.
        let restored = try #require(try PollerCheckpointLayout.restore(poller: "p", from: stored, as: Parts.self))
        #expect(restored.parts.items == parts.items)
        #expect(restored.offsets == [0: 3])
        let resumed = Writer(poller: "p", restored: restored, stale: [])
        #expect(try resumed.plan(parts, offsets: [0: 3], writtenAt: Self.now).items.isEmpty)
    }

    @Test("outgrowing the buckets moves to a new generation, then deletes the old one; a missing bucket fails the restore")
    func growth() throws {
        var writer = Writer(poller: "p", restored: nil, stale: [])
        let small = try writer.plan(Self.parts(count: 10), offsets: [:], writtenAt: Self.now)
        writer.commit(small)
        #expect(small.items.map(\.scope) == ["items-1-0"])
        var stored = try Self.apply(small, to: [:])

        let large = try writer.plan(Self.parts(count: 2_000), offsets: [:], writtenAt: Self.now)
        #expect(large.items.count > 1)
        #expect(large.items.allSatisfy { $0.scope.hasPrefix("items-2-") })
        #expect(large.deletions == ["items-1-0"])
        stored = try Self.apply(large, to: stored)
        #expect(try PollerCheckpointLayout.restore(poller: "p", from: stored, as: Parts.self)?.parts.items.count == 2_000)

        stored.removeValue(forKey: "items-2-1")
        #expect(throws: PollerCheckpointError.self) {
            try PollerCheckpointLayout.restore(poller: "p", from: stored, as: Parts.self)
        }
    }
}
