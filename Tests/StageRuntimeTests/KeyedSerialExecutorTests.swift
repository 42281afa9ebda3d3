import StageRuntime
import Synchronization
import Testing

@Suite("Keyed serial executor")
struct KeyedSerialExecutorTests {
    struct Job: Sendable {
        var key: String
        var sequence: Int
        var delayMicroseconds: Int
    }

    final class Recorder: Sendable {
        struct State {
            var order: [String: [Int]] = [:]
            var running = 0
            var maxRunning = 0
            var runningKeys: Set<String> = []
            var sameKeyOverlap = false
        }
        let state = Mutex(State())
    }

    @Test("jobs of one key run in order, different keys run concurrently, the bound holds")
    func orderingAndConcurrency() async {
        let recorder = Recorder()
        let executor = KeyedSerialExecutor<Job>(capacity: 8) { job in
            recorder.state.withLock { state in
                if state.runningKeys.contains(job.key) { state.sameKeyOverlap = true }
                state.runningKeys.insert(job.key)
                state.running += 1
                state.maxRunning = max(state.maxRunning, state.running)
            }
            try? await Task.sleep(for: .microseconds(job.delayMicroseconds))
            recorder.state.withLock { state in
                state.order[job.key, default: []].append(job.sequence)
                state.runningKeys.remove(job.key)
                state.running -= 1
            }
        }
        var generator = SplitMix64(seed: 7)
        var maxPending = 0
        for sequence in 0..<400 {
            let key = "issue-\(Int.random(in: 0..<12, using: &generator))"
            await executor.submit(key: key, job: Job(key: key, sequence: sequence,
                                                     delayMicroseconds: Int.random(in: 0...2_000, using: &generator)))
            maxPending = max(maxPending, await executor.pending)
        }
        await executor.waitUntilIdle()
        let state = recorder.state.withLock { $0 }
        #expect(!state.sameKeyOverlap, "two jobs of one key ran at the same time")
        #expect(state.order.values.reduce(0) { $0 + $1.count } == 400)
        for (key, sequences) in state.order {
            #expect(sequences == sequences.sorted(), "\(key) ran out of order")
        }
        #expect(maxPending <= 8)
        #expect(state.maxRunning > 1, "different keys should overlap")
        #expect(await executor.pending == 0)
        #expect(await executor.activeKeys == 0)
    }

    @Test("queued jobs can be abandoned (revoked partitions); running ones finish")
    func abandon() async {
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        // Job 0 says when it is blocked on the gate: explicit synchronisation, no spinning.
        let (jobBlocked, blockedSignal) = AsyncStream<Void>.makeStream()
        let ran = Mutex<[Int]>([])
        let executor = KeyedSerialExecutor<Job>(capacity: 10) { job in
            if job.sequence == 0 {
                await withCheckedContinuation { continuation in
                    gate.withLock { $0 = continuation }
                    blockedSignal.yield()
                }
            }
            ran.withLock { $0.append(job.sequence) }
        }
        for sequence in 0..<5 {
            await executor.submit(key: "a", job: Job(key: "a", sequence: sequence, delayMicroseconds: 0))
        }
        // Wait for job 0 to be running (blocked on the gate).
        var blockedWaiter = jobBlocked.makeAsyncIterator()
        _ = await blockedWaiter.next()
        let removed = await executor.abandonQueued { $0.sequence % 2 == 1 }
        #expect(removed.map(\.sequence).sorted() == [1, 3])
        #expect(await executor.pending == 3)
        gate.withLock { $0?.resume() }
        await executor.waitUntilIdle()
        #expect(ran.withLock { $0 } == [0, 2, 4])
    }

    @Test("a submit waiting for room ends when its task is cancelled, without queueing its job", .timeLimit(.minutes(3)))
    func cancelledSubmit() async {
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
        // Job 0 says when it is blocked on the gate: explicit synchronisation, no spinning.
        let (jobBlocked, blockedSignal) = AsyncStream<Void>.makeStream()
        let ran = Mutex<[Int]>([])
        let executor = KeyedSerialExecutor<Job>(capacity: 1) { job in
            if job.sequence == 0 {
                await withCheckedContinuation { continuation in
                    gate.withLock { $0 = continuation }
                    blockedSignal.yield()
                }
            }
            ran.withLock { $0.append(job.sequence) }
        }
        #expect(await executor.submit(key: "a", job: Job(key: "a", sequence: 0, delayMicroseconds: 0)))
        var blockedWaiter = jobBlocked.makeAsyncIterator()
        _ = await blockedWaiter.next()
        let blocked = Task { await executor.submit(key: "b", job: Job(key: "b", sequence: 1, delayMicroseconds: 0)) }
        // Usually lets it reach the wait for room; cancelled before, it must not queue either.
        for _ in 0..<100 { await Task.yield() }
        blocked.cancel()
        #expect(await blocked.value == false)
        #expect(await executor.pending == 1)
        gate.withLock { $0?.resume() }
        await executor.waitUntilIdle()
        #expect(ran.withLock { $0 } == [0])
    }
}
