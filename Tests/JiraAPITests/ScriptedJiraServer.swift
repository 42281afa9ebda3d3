import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request the scripted server received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    var authorization: String?
    var body: Data

    /// The body as a JSON object, if it is one.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// An answer the scripted server gives.
struct ScriptedResponse: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: String = ""

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: body)
    }
}

/// A real HTTP server on 127.0.0.1 (ephemeral port) that answers each request with a closure and
/// records what it received, for exercising the client's retry and error paths exactly.
final class ScriptedJiraServer: Sendable {
    typealias Handler = @Sendable (RecordedRequest, Int) -> ScriptedResponse

    private let handler: Handler
    private let recorded = Mutex<[RecordedRequest]>([])

    init(handler: @escaping Handler) {
        self.handler = handler
    }

    /// Everything received so far.
    var requests: [RecordedRequest] { recorded.withLock { $0 } }

    /// Runs the server for the duration of `body`, passing its base URL.
    func run<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            let bytes = try await request.body.collect(upTo: 8 * 1024 * 1024)
            let record = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                authorization: request.headers[.authorization], body: Data(bytes.readableBytesView))
            let index = recorded.withLock { list in
                list.append(record)
                return list.count - 1
            }
            let scripted = handler(record, index)
            var fields = HTTPFields()
            for (name, value) in scripted.headers {
                if let fieldName = HTTPFields.Element.Name(name) { fields[fieldName] = value }
            }
            return Response(
                status: HTTPResponse.Status(code: scripted.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(string: scripted.body)))
        }
        var logger = Logger(label: "scripted-jira")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result = try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
            return result
        }
    }
}
