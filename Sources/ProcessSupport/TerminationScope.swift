import Logging
import ServiceLifecycle
import Synchronization

/// Runs a command's work until it ends or the process receives SIGTERM or SIGINT — the one place
/// the process-level commands (`syncctl backfill`, `kafka-probe consume`, …) get their signal
/// handling from, as the stages get theirs from their host's service group.
///
/// The work runs as the only service of a swift-service-lifecycle `ServiceGroup` whose graceful
/// shutdown signals are SIGTERM and SIGINT. Depending on ``Reaction``, a signal cancels the work
/// (its cancellation handling decides what it returns), or starts a graceful shutdown that the
/// work observes itself (`gracefulShutdown()`, `Task.isShuttingDownGracefully`,
/// `cancelWhenGracefulShutdown`). A work that is still running ``cancellationGrace`` after the
/// signal is cancelled anyway.
package enum TerminationScope {
    /// What a SIGTERM or SIGINT does to the work.
    package enum Reaction: Sendable {
        /// The work's task is cancelled.
        case cancel
        /// A graceful shutdown starts; the work ends by itself.
        case gracefulShutdown
    }

    /// How long a work may take to end after the signal before it is cancelled.
    package static let cancellationGrace: Duration = .seconds(30)

    /// Returns when the task is cancelled (a signal, with the `cancel` reaction): the work of a
    /// command that serves until it is stopped (`sync-dev dev-broker`, `sync-dev sim`).
    package static func untilCancelled() async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }

    /// Runs `work` and returns its result.
    /// - Throws: what `work` throws.
    package static func run<Value: Sendable>(
        logger: Logger, onSignal reaction: Reaction = .cancel, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let service = WorkService(reaction: reaction, work: work)
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "work")
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = cancellationGrace
        try await ServiceGroup(configuration: configuration).run()
        guard let result = service.result.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }

    /// The work as a service; keeps its outcome for ``run(logger:onSignal:_:)``.
    private final class WorkService<Value: Sendable>: Service, Sendable {
        let reaction: Reaction
        let work: @Sendable () async throws -> Value
        let result = Mutex<Result<Value, any Error>?>(nil)

        init(reaction: Reaction, work: @escaping @Sendable () async throws -> Value) {
            self.reaction = reaction
            self.work = work
        }

        func run() async throws {
            let work = work
            let outcome: Result<Value, any Error>
            do {
                switch reaction {
                case .cancel: outcome = .success(try await cancelWhenGracefulShutdown(work))
                case .gracefulShutdown: outcome = .success(try await work())
                }
            } catch {
                outcome = .failure(error)
            }
            result.withLock { $0 = outcome }
        }
    }
}
