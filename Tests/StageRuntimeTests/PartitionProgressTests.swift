import StageRuntime
import Testing

@Suite("Partition progress")
struct PartitionProgressTests {
    @Test("the committable offset never passes an unfinished record")
    func outOfOrder() {
        var progress = PartitionProgress()
        for offset in Int64(10)...14 { progress.start(offset) }
        #expect(progress.finish(12) == nil, "10 and 11 are unfinished")
        #expect(progress.finish(11) == nil, "10 is unfinished")
        #expect(progress.committable == nil)
        #expect(progress.finish(10) == 13, "10, 11, 12 are done; 13 is not")
        #expect(progress.inFlight == 2)
        #expect(progress.finish(14) == nil)
        #expect(progress.finish(13) == 15)
        #expect(progress.isIdle)
        #expect(progress.inFlight == 0)
    }

    @Test("gaps in offsets (compaction, transactions) do not stall progress")
    func gaps() {
        var progress = PartitionProgress()
        progress.start(3)
        progress.start(7)
        progress.start(100)
        #expect(progress.finish(7) == nil)
        #expect(progress.finish(3) == 8)
        #expect(progress.finish(100) == 101)
    }

    @Test("random completion orders always commit exactly the finished prefix")
    func randomized() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var progress = PartitionProgress()
            let offsets = (0..<Int64.random(in: 1...60, using: &generator)).map { $0 * 2 }
            offsets.forEach { progress.start($0) }
            var done = Set<Int64>()
            for offset in offsets.shuffled(using: &generator) {
                progress.finish(offset)
                done.insert(offset)
                let prefix = offsets.prefix { done.contains($0) }
                #expect(progress.committable == prefix.last.map { $0 + 1 })
            }
        }
    }
}

/// A small deterministic random generator for reproducible shuffles.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
