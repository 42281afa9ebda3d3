import Foundation
import PipelineTesting
import Testing

/// The Kafka security variables reach librdkafka in the stages and in `syncctl`: the dev broker
/// (librdkafka's mock cluster) speaks neither TLS nor SASL, so settings that arrive show up as
/// failures only librdkafka can report (a CA file it cannot load; a SASL handshake it cannot make).
/// Before: the variables were ignored and every client connected in plaintext.
@Suite("Kafka security settings reach librdkafka", .serialized)
struct KafkaSecurityReachesLibrdkafkaTests {
    static let password = "kafka-password-canary-2c8e51"
    static let missingCA = "/nonexistent/guance-jira-sync-test-ca.pem"
    static let tls = ["KAFKA_SECURITY_PROTOCOL": "ssl", "KAFKA_SSL_CA_LOCATION": missingCA]
    static let sasl = [
        "KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_SASL_USERNAME": "guance-jira-sync", "KAFKA_SASL_PASSWORD": password,
    ]

    @Test("syncctl: a TLS CA file is loaded by librdkafka (a missing one fails the command, naming it)")
    func syncctlTLS() async throws {
        let deployment = try await TestDeployment()
        let environment = try deployment.environment(configurationPath: try deployment.writeConfiguration(), extra: Self.tls)
        let plain = try ChildProcess(["topics", "list", "--brokers", deployment.bootstrap], executable: "syncctl",
                                     environment: try deployment.environment(configurationPath: try deployment.writeConfiguration()))
        #expect(try await plain.waitForExit(timeout: .seconds(60)) == 0, "the control run without TLS works")
        let process = try ChildProcess(
            ["topics", "list", "--brokers", deployment.bootstrap], executable: "syncctl", environment: environment,
            captureStandardError: true)
        let status = try await process.waitForExit(timeout: .seconds(60))
        let output = (process.lines + process.errorLines).joined(separator: "\n")
        #expect(status != 0 && status != nil)
        #expect(output.contains("ssl.ca.location"), "\(output)")
        await deployment.stop()
    }

    @Test("a stage: a TLS CA file is loaded by librdkafka (a missing one stops the stage, naming it)")
    func stageTLS() async throws {
        let deployment = try await TestDeployment()
        let stage = try deployment.startStage("guance-poller", extraEnvironment: Self.tls)
        let status = try await stage.waitForExit(timeout: .seconds(90))
        let log = deployment.logLines(of: "guance-poller").joined(separator: "\n")
        #expect(status != nil && status != 0, "guance-poller kept running with an unloadable CA file")
        #expect(log.contains("ssl.ca.location"), "\(log.suffix(2000))")
        if status == nil { stage.kill() }
        await deployment.stop()
    }

    @Test("SASL settings make librdkafka authenticate (and fail against a broker without SASL); the password is never logged")
    func stageSASL() async throws {
        let deployment = try await TestDeployment()
        let stage = try deployment.startStage("jira-writer", extraEnvironment: Self.sasl)
        let deadline = ContinuousClock.now + .seconds(90)
        var log = ""
        while ContinuousClock.now < deadline {
            log = deployment.logLines(of: "jira-writer").joined(separator: "\n")
            if log.localizedCaseInsensitiveContains("SASL") || !stage.isRunning { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(log.localizedCaseInsensitiveContains("SASL"), "no SASL failure logged: \(log.suffix(2000))")
        #expect(!log.contains(Self.password))
        if stage.isRunning { _ = try await StageProbe.stop(stage, timeout: .seconds(60)) }
        #expect(!deployment.logLines(of: "jira-writer").joined().contains(Self.password))
        await deployment.stop()
    }
}
