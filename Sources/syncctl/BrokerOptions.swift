import ArgumentParser
import Foundation
import Kafka
import Logging
import StageRuntime

/// `--brokers` (or `$KAFKA_BROKERS`), shared by the commands that talk to a Kafka cluster; SASL and
/// TLS come from the same environment variables as the stages' (``KafkaSecuritySettings``).
struct BrokerOptions: ParsableArguments {
    @Option(help: "Bootstrap servers, host:port[,host:port…] (default: $KAFKA_BROKERS).")
    var brokers: String?

    func validate() throws {
        _ = try bootstrapServers()
        do {
            _ = try KafkaSecuritySettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The bootstrap servers from the flag or the environment.
    func bootstrapServers() throws -> [String] {
        let value = brokers ?? ProcessInfo.processInfo.environment["KAFKA_BROKERS"] ?? ""
        let servers = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !servers.isEmpty else { throw ValidationError("no Kafka brokers: pass --brokers or set KAFKA_BROKERS") }
        return servers
    }

    /// Runs `body` with an admin client for the cluster and shuts the client down afterwards.
    /// An ``ExitCode`` passes through; any other error is printed as `syncctl <command>: …` and
    /// ends the command with exit code 1.
    func withAdmin<Result>(command: String, _ body: (KafkaAdmin) async throws -> Result) async throws -> Result {
        let admin = try makeAdmin(label: "syncctl.\(command.replacingOccurrences(of: " ", with: "-"))")
        do {
            let result = try await body(admin)
            await admin.shutdown()
            return result
        } catch let exit as ExitCode {
            await admin.shutdown()
            throw exit
        } catch {
            await admin.shutdown()
            Console.error("syncctl \(command): \(error)\n")
            throw SyncCtlExitCode.failure
        }
    }

    /// An admin client for the cluster, logging librdkafka warnings to stderr.
    private func makeAdmin(label: String) throws -> KafkaAdmin {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let security = try KafkaSecuritySettings(environment: ProcessInfo.processInfo.environment)
        let configuration = KafkaConfiguration(
            bootstrapServers: try bootstrapServers(), clientID: "syncctl", socketTimeout: .seconds(30),
            additionalProperties: security.properties)
        return try KafkaAdmin(configuration: configuration, logger: logger)
    }
}
