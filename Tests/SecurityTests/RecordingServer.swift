import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A small HTTP server on 127.0.0.1 for the tests: answers every request with `respond` and
/// records each request's method, path and headers.
final class RecordingServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
    }

    typealias Responder = @Sendable (_ path: String) -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)

    private final class Recorder: Sendable {
        let requests = Mutex<[Recorded]>([])
    }

    private let recorder = Recorder()
    private let group: ServiceGroup
    private let serving: Task<Void, any Error>
    /// The bound port.
    let port: Int

    /// The base URL (`http://127.0.0.1:<port>`).
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Everything received so far.
    var requests: [Recorded] { recorder.requests.withLock { $0 } }

    init(respond: @escaping Responder) async throws {
        let recorder = recorder
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let path = request.uri.path
            recorder.requests.withLock { $0.append(Recorded(method: "\(request.method)", path: path, headers: headers)) }
            let answer = respond(path)
            return Response(status: answer.status, headers: answer.headers, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        }
        router.get("**", use: handler)
        router.post("**", use: handler)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "recording-server"))
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "recording-server")))
        self.group = group
        serving = Task { try await group.run() }
        var iterator = stream.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await serving.value
    }
}
