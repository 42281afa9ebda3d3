import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A stateful Jira Cloud / Data Center simulator served over HTTP on loopback.
///
/// Use ``run(onListening:)`` inside a task you cancel to stop it, or ``start()``/``stop()`` in tests.
/// The control operations (``reset()``, ``injectFault(_:)``, ``act(as:method:path:body:)`` …) work in-process;
/// the same operations are served over HTTP under `/__sim/` (no authentication, never part of the product API):
/// - `POST /__sim/reset`, `GET /__sim/state` (issues, comments, request counts per route and status)
/// - `POST /__sim/clock` `{"advanceSeconds":60}` or `{"epochMillis":…,"frozen":true}`; `POST /__sim/lag` `{"seconds":10}`
/// - `POST /__sim/faults` `{"kind":"status|rateLimited|latency|malformedJSON|dropConnection","status":503,
///   "reason":"jira-burst-based","retryAfter":5,"milliseconds":800,"method":"POST","pathContains":"/comment","count":2}`;
///   `DELETE /__sim/faults`; `{"kind":"personFirst","user":"alice","personMethod":"POST","personPath":…,"personBody":{…}}`
///   has a person's call handled right before the matching request (a read/write race made deterministic)
/// - `POST /__sim/random-faults` `{"rate":0.1}`: that share of product requests meets a random fault (500, 503,
///   429 with `Retry-After`, a connection dropped before or after handling, a slow answer); counts in the state
/// - `POST /__sim/webhooks` `{"url":…,"secret":…,"events":["jira:issue_updated","comment_created"]}`
/// - `ANY /__sim/as/{user}/rest/api/…`: any product call acting as that user (name, account id or e-mail),
///   bypassing authentication, faults and rate limits — a human working in the Jira UI.
public final class JiraSimulator: Sendable {
    /// The options the simulator was created with.
    public let options: JiraSimulatorOptions
    let engine: SimulatorEngine
    private let logger: Logger
    private let running = Mutex<RunningServer?>(nil)

    private struct RunningServer: Sendable {
        var task: Task<Void, any Error>
        var baseURL: URL
    }

    /// Creates a simulator; nothing listens until ``run(onListening:)`` or ``start()``.
    /// - Parameters:
    ///   - options: flavour, users, projects, lag, limits.
    ///   - logger: logs at debug level (one line per request).
    public init(options: JiraSimulatorOptions, logger: Logger) {
        self.options = options
        self.logger = logger
        self.engine = SimulatorEngine(options: options, logger: logger)
    }

    /// Serves until the surrounding task is cancelled.
    /// - Parameter onListening: called once with the bound base URL (e.g. `http://127.0.0.1:53211`).
    public func run(onListening: @escaping @Sendable (URL) async -> Void = { _ in }) async throws {
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let engine = self.engine
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let simRequest = try await HTTPBridge.simRequest(request)
            let simResponse = engine.handle(simRequest)
            wake.yield()
            if simResponse.delay > .zero { try await Task.sleep(for: simResponse.delay) }
            return HTTPBridge.response(simResponse)
        }
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            router.on("**", method: method, use: handler)
            router.on("/", method: method, use: handler)
        }
        let host = options.host
        // Hummingbird logs task cancellation (our stop signal) as errors; keep only its critical messages.
        // Real failures such as a port already in use are thrown from `run` instead.
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: options.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                if let url = URL(string: "http://\(host):\(port)") { await onListening(url) }
            },
            logger: serverLogger)
        let dispatcher = WebhookDispatcher(engine: engine, logger: logger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            group.addTask { await dispatcher.run(wakeups: wakeups) }
        }
    }

    /// Starts serving in a background task and returns the base URL once the socket is bound.
    public func start() async throws -> URL {
        let (bound, boundContinuation) = AsyncStream.makeStream(of: URL.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            defer { boundContinuation.finish() }
            try await self.run { url in boundContinuation.yield(url) }
        }
        for await url in bound {
            running.withLock { $0 = RunningServer(task: task, baseURL: url) }
            return url
        }
        task.cancel()
        _ = try await task.value
        throw JiraSimulatorError.notStarted
    }

    /// The base URL while started with ``start()``.
    public var baseURL: URL? { running.withLock { $0?.baseURL } }

    /// Stops a simulator started with ``start()`` and waits for the socket to close.
    public func stop() async {
        guard let server = running.withLock({ state -> RunningServer? in
            defer { state = nil }
            return state
        }) else { return }
        server.task.cancel()
        _ = try? await server.task.value
    }
}

/// Errors thrown by the simulator's public API.
public enum JiraSimulatorError: Error, Sendable, Equatable {
    /// The server stopped before it reported a bound address.
    case notStarted
    /// A user name, account id or e-mail that is not configured.
    case unknownUser(String)
    /// An in-process action got an unexpected answer.
    case actionFailed(status: Int, body: String)
}
