import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request as the stub saw it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    var apiKeyHeader: String?
    var contentType: String?
    var body: String
}

/// What the stub answers.
enum StubReply: Sendable {
    /// An answer with this status and body (JSON unless the body is not).
    case answer(status: Int, body: String)
    /// Close the connection without answering.
    case dropConnection
    /// Wait (real time), then answer.
    case delayed(Duration, status: Int, body: String)
}

/// A scripted HTTP server on 127.0.0.1 (ephemeral port): each request is answered by `script`,
/// which gets the request and its 0-based sequence number. Every request is recorded.
final class StubServer: Sendable {
    private let script: @Sendable (RecordedRequest, Int) -> StubReply
    private let recordedRequests = Mutex<[RecordedRequest]>([])

    private init(script: @escaping @Sendable (RecordedRequest, Int) -> StubReply) {
        self.script = script
    }

    /// Requests received so far.
    var requests: [RecordedRequest] { recordedRequests.withLock { $0 } }

    /// Runs a stub for the duration of `body`, passing it the base URL.
    static func with<T: Sendable>(
        _ script: @escaping @Sendable (RecordedRequest, Int) -> StubReply,
        _ body: @Sendable (StubServer, String) async throws -> T
    ) async throws -> T {
        let server = StubServer(script: script)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "guance-stub")
        logger.logLevel = .critical
        let app = Application(
            responder: CallbackResponder<StubRequestContext> { request, context in
                try await server.respond(to: request, context: context)
            },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            do {
                let result = try await body(server, "http://127.0.0.1:\(port)")
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    private func respond(to request: Request, context: StubRequestContext) async throws -> Response {
        var request = request
        let bodyBuffer = try await request.collectBody(upTo: 1 << 20)
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query ?? "",
            apiKeyHeader: Self.header("DF-API-KEY", in: request.headers),
            contentType: Self.header("Content-Type", in: request.headers),
            body: String(buffer: bodyBuffer)
        )
        let index = recordedRequests.withLock { requests in
            requests.append(recorded)
            return requests.count - 1
        }
        switch script(recorded, index) {
        case .answer(let status, let body):
            return Self.response(status: status, body: body)
        case .delayed(let delay, let status, let body):
            try await Task.sleep(for: delay)
            return Self.response(status: status, body: body)
        case .dropConnection:
            context.channel.close(promise: nil)
            throw CancellationError()
        }
    }

    private static func header(_ name: String, in headers: HTTPFields) -> String? {
        headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    private static func response(status: Int, body: String) -> Response {
        let isJSON = body.hasPrefix("{") || body.hasPrefix("[")
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: isJSON ? "application/json;charset=UTF-8" : "text/html"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}

/// A request context that keeps the connection's channel, so the stub can drop the connection.
struct StubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
