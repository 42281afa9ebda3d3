import Foundation
import Yams

/// The declarative catalogue of every topic the pipeline uses.
///
/// The catalogue lives in `topics/` at the repository root, one YAML file per topic (see
/// `topics/README.md`). Tools load it with ``load(directory:)``; ``builtIn`` is the copy compiled
/// into the executables for when the directory is not at hand, and a test keeps the two equal in
/// everything operational (names, partitions, replication, configs, key and value formats).
public struct TopicCatalog: Sendable, Hashable {
    /// The topics, sorted by name.
    public var topics: [TopicDefinition]

    /// Creates a catalogue, validating it.
    public init(topics: [TopicDefinition]) throws(TopicCatalogError) {
        var seen = Set<String>()
        for topic in topics {
            try Self.validate(topic)
            guard seen.insert(topic.name).inserted else {
                throw TopicCatalogError(file: nil, reason: "topic \(topic.name) is declared twice")
            }
        }
        self.topics = topics.sorted { $0.name < $1.name }
    }

    /// The definition of a pipeline topic, if the catalogue has it.
    public subscript(topic: SyncTopic) -> TopicDefinition? {
        topics.first { $0.name == topic.name }
    }

    /// Loads every `*.yaml` / `*.yml` file of a directory as one topic definition each.
    public static func load(directory: URL) throws(TopicCatalogError) -> TopicCatalog {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { ["yaml", "yml"].contains($0.pathExtension) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw TopicCatalogError(file: directory.path, reason: "cannot list the directory: \(error.localizedDescription)")
        }
        guard !files.isEmpty else {
            throw TopicCatalogError(file: directory.path, reason: "no topic files (*.yaml) in the directory")
        }
        var topics: [TopicDefinition] = []
        for file in files {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                topics.append(try YAMLDecoder().decode(TopicDefinition.self, from: text))
            } catch let error as TopicCatalogError {
                throw error
            } catch {
                throw TopicCatalogError(file: file.lastPathComponent, reason: "\(error)")
            }
        }
        do {
            return try TopicCatalog(topics: topics)
        } catch {
            throw TopicCatalogError(file: directory.path, reason: error.reason)
        }
    }

    /// Loads the catalogue from `directory` when it exists, else returns ``builtIn``.
    public static func loadOrBuiltIn(directory: URL) throws(TopicCatalogError) -> TopicCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return builtIn
        }
        return try load(directory: directory)
    }

    private static func validate(_ topic: TopicDefinition) throws(TopicCatalogError) {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !topic.name.isEmpty, topic.name.count <= 249,
              topic.name.unicodeScalars.allSatisfy(allowed.contains), topic.name != ".", topic.name != ".."
        else {
            throw TopicCatalogError(file: nil, reason: "invalid topic name '\(topic.name)' (Kafka allows [a-zA-Z0-9._-], at most 249)")
        }
        guard topic.partitions >= 1 else {
            throw TopicCatalogError(file: nil, reason: "topic \(topic.name): partitions must be at least 1")
        }
        guard topic.replicationFactor >= 1 else {
            throw TopicCatalogError(file: nil, reason: "topic \(topic.name): replicationFactor must be at least 1")
        }
        if let policy = topic.configs["cleanup.policy"],
           !policy.split(separator: ",").allSatisfy({ $0 == "compact" || $0 == "delete" }) {
            throw TopicCatalogError(file: nil, reason: "topic \(topic.name): cleanup.policy must be compact and/or delete")
        }
    }
}

/// A topic catalogue that cannot be read or is invalid.
public struct TopicCatalogError: Error, Sendable, CustomStringConvertible {
    /// The file (or directory) at fault, if known.
    public var file: String?
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String?, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        if let file { return "topic catalogue \(file): \(reason)" }
        return "topic catalogue: \(reason)"
    }
}
