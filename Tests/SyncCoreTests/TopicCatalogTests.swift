import Foundation
import SyncCore
import Testing

@Suite("Topic catalogue")
struct TopicCatalogTests {
    /// `topics/` at the repository root, found from this file's path.
    static let topicsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics")

    @Test("topics/ declares exactly the topics the code names")
    func namesMatch() throws {
        let catalog = try TopicCatalog.load(directory: Self.topicsDirectory)
        #expect(Set(catalog.topics.map(\.name)) == Set(SyncTopic.allCases.map(\.name)))
        for topic in SyncTopic.allCases {
            #expect(catalog[topic] != nil, "topics/ lacks \(topic.name)")
        }
    }

    @Test("the built-in catalogue is operationally identical to topics/")
    func builtInMatchesFiles() throws {
        let files = try TopicCatalog.load(directory: Self.topicsDirectory)
        #expect(files.topics.count == TopicCatalog.builtIn.topics.count)
        for file in files.topics {
            let builtIn = try #require(TopicCatalog.builtIn.topics.first { $0.name == file.name }, "built-in lacks \(file.name)")
            #expect(builtIn.partitions == file.partitions, "\(file.name): partitions")
            #expect(builtIn.replicationFactor == file.replicationFactor, "\(file.name): replicationFactor")
            #expect(builtIn.configs == file.configs, "\(file.name): configs")
            #expect(builtIn.key.format == file.key.format, "\(file.name): key format")
            #expect(builtIn.value.format == file.value.format, "\(file.name): value format")
        }
    }

    @Test("the catalogue has the tables and logs the pipeline needs")
    func kinds() throws {
        let catalog = try TopicCatalog.load(directory: Self.topicsDirectory)
        #expect(try #require(catalog[.links]).isCompacted)
        #expect(try #require(catalog[.checkpoints]).isCompacted)
        #expect(try #require(catalog[.guanceEvents]).isCompacted == false)
        #expect(try #require(catalog[.jiraEvents]).isCompacted == false)
        #expect(try #require(catalog[.deadLetters]).configs["retention.ms"] != nil)
        for topic in catalog.topics {
            #expect(!topic.description.isEmpty && !topic.key.description.isEmpty && !topic.value.description.isEmpty)
        }
    }

    @Test("invalid catalogues are refused with the file and the reason")
    func invalid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("topics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = """
            name: "bad topic"
            description: x
            partitions: 1
            replicationFactor: 1
            configs: {}
            key: {format: s, description: d}
            value: {format: s, description: d}
            """
        try bad.write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: TopicCatalogError.self) { try TopicCatalog.load(directory: directory) }
        do {
            _ = try TopicCatalog.load(directory: directory)
        } catch {
            #expect(error.reason.contains("invalid topic name"))
        }
        try "name: [unclosed".write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try TopicCatalog.load(directory: directory)
            Issue.record("malformed YAML was accepted")
        } catch {
            #expect(error.file == "bad.yaml")
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("topics-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: TopicCatalogError.self) { try TopicCatalog.load(directory: empty) }
    }

    @Test("replication is capped for small clusters, min.insync.replicas with it")
    func capping() throws {
        let links = try #require(TopicCatalog.builtIn[.links])
        let single = links.cappingReplicationFactor(at: 1)
        #expect(single.replicationFactor == 1)
        #expect(single.configs["min.insync.replicas"] == "1")
        #expect(links.cappingReplicationFactor(at: 5).replicationFactor == 3)
    }
}
