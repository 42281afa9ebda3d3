import ArgumentParser
import Foundation
import SyncCore

/// `--catalog` and `--max-replication-factor`: which topic catalogue to apply, and how it is
/// capped for small clusters.
struct TopicsCatalogOptions: ParsableArguments {
    @Option(help: "The topic catalogue directory (one YAML file per topic).")
    var catalog = "topics"

    @Option(help: "Cap every topic's replication factor (and min.insync.replicas) at this, e.g. 1 for a single-broker cluster.")
    var maxReplicationFactor: Int?

    func validate() throws {
        if let maxReplicationFactor, maxReplicationFactor < 1 {
            throw ValidationError("--max-replication-factor must be at least 1")
        }
    }

    /// The catalogue's topics, capped; a catalogue problem ends the command with exit code 78.
    func topics() throws -> [TopicDefinition] {
        let loaded: TopicCatalog
        do {
            loaded = try TopicCatalog.load(directory: URL(fileURLWithPath: catalog))
        } catch {
            Console.error("syncctl: \(error)\n")
            throw SyncCtlExitCode.configuration
        }
        guard let maxReplicationFactor else { return loaded.topics }
        return loaded.topics.map { $0.cappingReplicationFactor(at: maxReplicationFactor) }
    }
}
