import AsyncHTTPClient
import Foundation
import NIOCore

/// What the lifecycle tests observe of one stage process from the outside: its `/readyz` and
/// `/metrics` (on the port it logged), and how long it takes to exit after SIGTERM.
package struct StageProbe: Sendable {
    /// The deployment the stage runs in (its log file names the port).
    package let deployment: TestDeployment
    /// The stage (executable) name.
    package let stage: String

    /// The default drain timeout of a stage (`SYNC_DRAIN_TIMEOUT_SECONDS` unset).
    package static let defaultDrainTimeout: Duration = .seconds(20)

    /// Creates a probe of `stage` in `deployment`.
    package init(_ deployment: TestDeployment, stage: String) {
        self.deployment = deployment
        self.stage = stage
    }

    /// `GET /readyz`: the HTTP status and the body (the failing checks).
    package func readiness() async throws -> (status: Int, body: String) {
        try await get("/readyz")
    }

    /// Waits until `/readyz` answers 200; returns `nil` then, else the last answer's body.
    package func waitUntilReady(timeout: Duration = .seconds(90)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let answer = try? await readiness() {
                if answer.status == 200 { return nil }
                last = answer.body
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return last
    }

    /// The sum of every series of the Prometheus metric `name` on `/metrics` (0 when absent).
    package func metric(_ name: String) async throws -> Double {
        let (_, body) = try await get("/metrics")
        return body.split(separator: "\n").reduce(0) { sum, line in
            guard !line.hasPrefix("#"), line.hasPrefix(name + "{") || line.hasPrefix(name + " "),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { return sum }
            return sum + value
        }
    }

    /// The stage's log lines (JSON) whose message is `message`.
    package func logLines(withMessage message: String) -> [String] {
        deployment.logLines(of: stage).filter { $0.contains("\"msg\":\"\(message)\"") }
    }

    /// Sends SIGTERM to `process` and waits up to `timeout` for it to exit.
    /// - Returns: the exit status (`nil` when still running at the deadline; it is then killed)
    ///   and how long the exit took.
    package static func stop(
        _ process: ChildProcess, timeout: Duration = .seconds(90)
    ) async throws -> (status: Int32?, elapsed: Duration) {
        let start = ContinuousClock.now
        process.terminate()
        let status = try await process.waitForExit(timeout: timeout)
        let elapsed = ContinuousClock.now - start
        if status == nil { process.kill() }
        return (status, elapsed)
    }

    private func get(_ path: String) async throws -> (status: Int, body: String) {
        let port = try await deployment.httpPort(of: stage)
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}
