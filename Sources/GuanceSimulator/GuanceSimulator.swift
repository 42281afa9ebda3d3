import Foundation
import Hummingbird
import Logging
import Synchronization

/// A stateful simulator of the Guance (观测云) OpenAPI exception-tracking endpoints, served over HTTP on
/// 127.0.0.1, built from `guance-openapi.md` independently of any client.
///
/// Product routes live under `/api/v1/…` and require `DF-API-KEY`; a control API under `/__sim/…` (and the
/// same operations in Swift, see `GuanceSimulator+Control.swift`) acts as humans and monitors, moves the
/// simulated clock, injects faults, resets and dumps state.
///
/// ```swift
/// let simulator = GuanceSimulator(options: GuanceSimulatorOptions(), logger: logger)
/// try await simulator.withRunningServer { baseURL in
///     // point a client at baseURL
/// }
/// ```
public final class GuanceSimulator: Sendable {
    /// The options the simulator was created with (behaviour changes made later are in ``behaviour``).
    public let options: GuanceSimulatorOptions
    /// The simulated clock used for timestamps and rate-limit windows.
    public let clock: SimulatorClock
    let logger: Logger
    let state: Mutex<SimulatorState>

    /// Creates a simulator; nothing listens until ``run(onListening:)`` or ``withRunningServer(_:)``.
    public init(options: GuanceSimulatorOptions = GuanceSimulatorOptions(), logger: Logger) {
        self.options = options
        self.logger = logger
        let clock = SimulatorClock(start: options.clock)
        self.clock = clock
        self.state = Mutex(SimulatorState(options: options, now: clock.now().rounded(.down)))
    }

    /// Serves HTTP until the calling task is cancelled.
    ///
    /// - Parameter onListening: called once with the base URL (e.g. `http://127.0.0.1:53127`) when the socket
    ///   is bound; with port 0 this is how callers learn the ephemeral port.
    /// - Throws: if the server cannot bind or fails while running.
    public func run(onListening: @escaping @Sendable (URL) async -> Void) async throws {
        let host = options.host
        let logger = logger
        let app = Application(
            responder: CallbackResponder { [self] (request: Request, context: SimulatorRequestContext) in
                try await self.respond(to: request, context: context)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let urlHost = host.contains(":") ? "[\(host)]" : host
                guard let url = URL(string: "http://\(urlHost):\(port)") else { return }
                logger.info("Guance simulator listening", metadata: ["guance.sim.url": "\(url.absoluteString)"])
                await onListening(url)
            },
            logger: logger
        )
        try await app.run()
    }

    /// Runs the server for the duration of `body`, then stops it.
    ///
    /// - Parameter body: receives the bound base URL.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or a server start-up failure.
    public func withRunningServer<Value: Sendable>(
        _ body: (URL) async throws -> Value
    ) async throws -> Value {
        let (urls, continuation) = AsyncStream.makeStream(of: URL.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await self.run { url in continuation.yield(url) }
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else {
                try await group.next()
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await body(url)
        }
    }
}
