import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `syncctl health --url URL`: one HTTP GET, exit 0 on a 2xx answer and 1 otherwise; the
/// containers' health check (the runtime image has no curl or wget).
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Probe a stage's /healthz or /readyz (exit 0 when it answers 2xx, 1 otherwise).",
        discussion: "Used by compose.yaml's health checks, e.g. `syncctl health --url http://127.0.0.1:8080/healthz`."
    )

    @Option(help: "The URL to GET.")
    var url = "http://127.0.0.1:8080/healthz"

    @Option(help: "Seconds to wait for the answer.")
    var timeout = 5

    @Flag(help: "Print nothing, only set the exit code.")
    var quiet = false

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw ValidationError("--url must be an http(s) URL, got \(url)")
        }
    }

    func run() async throws {
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(Int64(timeout)))
            status = UInt(response.status.code)
            _ = try await response.body.collect(upTo: 1 << 16)
        } catch {
            if !quiet { Console.error("unhealthy: \(url): \(error)\n") }
            throw SyncCtlExitCode.failure
        }
        guard (200..<300).contains(status) else {
            if !quiet { Console.error("unhealthy: \(url) answered HTTP \(status)\n") }
            throw SyncCtlExitCode.failure
        }
        if !quiet { Console.out("healthy: \(url) answered HTTP \(status)\n") }
    }
}
