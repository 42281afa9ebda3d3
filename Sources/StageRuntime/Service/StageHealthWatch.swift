import ServiceLifecycle

/// The service that turns a failure reported to ``StageHealth`` into the end of the host's
/// service group: it throws ``StageError/cannotContinue(part:reason:)``, the group cancels the
/// other services, and the process exits 1. Ends quietly when the process stops first.
struct StageHealthWatch: Service {
    let health: StageHealth

    func run() async throws {
        let health = health
        let failure = await cancelWhenGracefulShutdown { await health.firstFailure() }
        guard let failure else { return }
        throw StageError.cannotContinue(part: failure.part, reason: failure.reason)
    }
}
