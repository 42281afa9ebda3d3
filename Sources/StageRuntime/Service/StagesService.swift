import Logging
import ServiceLifecycle

/// The stages of one process as one service of the host's group: they start together and stop
/// together — a graceful shutdown reaches every stage at once (through the task-local shutdown
/// state their tasks inherit) — and one that fails, or ends while no stop was asked for, ends
/// the others and the process.
struct StagesService: Service {
    /// A stage with the context it runs in.
    struct Member: Sendable {
        var definition: StageDefinition
        var context: StageContext
    }

    let members: [Member]
    let logger: Logger
    let drainTimeout: Duration

    func run() async throws {
        let logger = logger
        let drainTimeout = drainTimeout
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for member in members {
                    group.addTask { try await Self.run(member) }
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            logger.info("stopping", metadata: ["drain_timeout": "\(drainTimeout)"])
        }
    }

    /// Runs one stage; its end is an error unless a stop was asked for.
    private static func run(_ member: Member) async throws {
        do {
            try await member.definition.body(member.context)
        } catch is CancellationError where StageShutdown.isRequested {
            return
        }
        guard StageShutdown.isRequested else { throw StageError.stoppedUnexpectedly(member.definition.name) }
    }
}
