/// How a stop (SIGTERM/SIGINT) spends the drain timeout: first a graceful phase (stages stop
/// taking work, waits end, work under way finishes and is committed), then — if something is
/// still running — a cancellation phase that ends it; when that is over too, the service group
/// gives up with a fatal error, so the process never outlives its drain timeout.
struct StopPhases: Equatable {
    /// The graceful phase.
    var graceful: Duration
    /// The cancellation phase that follows it.
    var cancellation: Duration

    /// The longest cancellation phase.
    static let cancellationReserve: Duration = .seconds(5)

    /// Splits `drainTimeout`: the cancellation phase gets a quarter of it, at most 5 s.
    init(drainTimeout: Duration) {
        cancellation = min(Self.cancellationReserve, drainTimeout / 4)
        graceful = drainTimeout - cancellation
    }
}
