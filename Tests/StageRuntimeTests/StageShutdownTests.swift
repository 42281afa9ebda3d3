import Logging
import ServiceLifecycle
import StageRuntime
import Synchronization
import Testing

/// ``StageShutdown`` waits inside a service group: a graceful shutdown ends them at once, also in
/// tasks the service did not create directly (a writer's handlers run in the executor's tasks).
@Suite("Stage shutdown", .timeLimit(.minutes(1)))
struct StageShutdownTests {
    /// What ended how.
    final class Outcomes: Sendable {
        let list = Mutex<[String]>([])
        func append(_ outcome: String) { list.withLock { $0.append(outcome) } }
        var sorted: [String] { list.withLock { $0.sorted() } }
    }

    /// A service whose waits are a minute long: one in its own task, one in a task the
    /// ``KeyedSerialExecutor`` (an actor) creates for a job.
    struct Waiting: Service {
        let ended: Outcomes
        let started: AsyncStream<Void>.Continuation

        func run() async throws {
            let executor = KeyedSerialExecutor<String>(capacity: 4) { [ended] name in
                do {
                    try await StageShutdown.sleep(for: .seconds(60))
                    ended.append("\(name): slept")
                } catch {
                    ended.append("\(name): ended")
                }
            }
            await executor.submit(key: "job", job: "job")
            started.yield()
            do {
                try await StageShutdown.sleep(for: .seconds(60))
                ended.append("service: slept")
            } catch {
                ended.append("service: ended")
            }
            await executor.waitUntilIdle()
        }
    }

    @Test("a graceful shutdown ends the waits of the service and of the tasks it started")
    func gracefulShutdownEndsWaits() async throws {
        let ended = Outcomes()
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: Waiting(ended: ended, started: continuation), serviceName: "waiting")],
            logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        for await _ in started { break }
        let start = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(ended.sorted == ["job: ended", "service: ended"])
    }
}
