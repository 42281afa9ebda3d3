import ArgumentParser
import Foundation
import Kafka
import Logging
import StageRuntime
import SyncCore

/// Options shared by the operations: where Kafka is, the configuration file, and the output format.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka bootstrap servers host:port[,host:port] (env KAFKA_BROKERS).")
    var brokers: String?

    @Option(name: .long, help: "Configuration file (env SYNC_CONFIG; default /etc/guance-jira-sync/sync.yaml).")
    var config: String?

    @Flag(name: .long, help: "Print JSON (for scripts) instead of tables.")
    var json = false

    @Flag(name: .long, help: "Log Kafka and API client messages to stderr.")
    var verbose = false

    /// The process environment.
    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// A logger to stderr (errors only unless `--verbose`).
    var logger: Logger {
        var logger = Logger(label: "syncctl") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .error
        return logger
    }

    /// Kafka settings from `--brokers` / `KAFKA_BROKERS` and the security variables
    /// (``KafkaSecuritySettings``: SASL, TLS), as the stages read them.
    func kafka() throws -> StageKafka {
        let brokers = StageKafka.parseBrokers(brokers ?? environment["KAFKA_BROKERS"] ?? "")
        guard !brokers.isEmpty else {
            throw StageError.configuration("no Kafka brokers: pass --brokers or set KAFKA_BROKERS")
        }
        let security = try KafkaSecuritySettings(environment: environment)
        return StageKafka(brokers: brokers, clientID: "syncctl", additionalProperties: security.properties)
    }

    /// The configuration file, parsed.
    func configuration() throws -> SyncConfiguration {
        try SyncConfiguration.load(path: config ?? environment["SYNC_CONFIG"] ?? "/etc/guance-jira-sync/sync.yaml")
    }

    /// A stage context for building API clients (`StageClients`), named `stage` for the
    /// user agent, metrics and budget lookup; `extraEnvironment` overrides the process's.
    /// - Parameter requireKafka: when `false`, missing brokers are allowed (the context's
    ///   Kafka settings are then empty and must not be used).
    func context(stage: String, requireKafka: Bool = true, extraEnvironment: [String: String] = [:]) throws -> StageContext {
        let kafka = requireKafka ? try kafka() : (try? kafka()) ?? StageKafka(brokers: [], clientID: "syncctl")
        return StageContext(
            stage: stage, logger: logger, kafka: kafka, configuration: try configuration(),
            environment: environment.merging(extraEnvironment) { $1 }, readiness: Readiness())
    }

    /// Opens a table read from Kafka (with a producer for its writes), runs `body`, and closes
    /// the table and the producer whether or not `body` succeeds.
    func withTopicTable<Table, T>(
        open: (StageKafka, KafkaProducer) async throws -> Table, close: (Table) async -> Void,
        _ body: (Table) async throws -> T
    ) async throws -> T {
        let kafka = try kafka()
        let producer = try KafkaProducer(configuration: kafka.producer, logger: logger)
        let result: Result<T, any Error>
        do {
            let table = try await open(kafka, producer)
            do {
                result = .success(try await body(table))
            } catch {
                result = .failure(error)
            }
            await close(table)
        } catch {
            result = .failure(error)
        }
        await producer.shutdown()
        return try result.get()
    }

    /// Prints `value` as sorted, indented JSON (dates ISO 8601).
    func printJSON(_ value: some Encodable) throws {
        let encoder = SyncEventCodec.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }

    /// Runs an operation, turning failures into the documented exit codes with a one-line message.
    func perform(_ operation: () async throws -> Int32) async throws {
        let code: Int32
        do {
            code = try await operation()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as StageError {
            Self.printError("\(error)")
            if case .configuration = error { code = OutputExitCode.configuration } else { code = OutputExitCode.failure }
        } catch let error as ConfigurationError {
            Self.printError("\(error)")
            code = OutputExitCode.configuration
        } catch {
            Self.printError("\(error)")
            code = OutputExitCode.failure
        }
        try OutputExitCode.exit(code)
    }

    /// Writes `message` to stderr as `syncctl: message`.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("syncctl: \(message)\n".utf8))
    }
}
