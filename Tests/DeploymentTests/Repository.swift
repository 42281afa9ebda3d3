import Foundation
import Testing
import Yams

/// Files of this repository, found from this source file's location (`Tests/DeploymentTests/…`).
enum Repository {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under the root.
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The text of a file under the root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// A YAML file parsed to plain values (dictionaries, arrays, strings, numbers, booleans).
    static func yaml(_ path: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text(path)) as? [String: Any], "\(path) is not a YAML mapping")
    }

    /// A JSON file parsed to plain values.
    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path) is not a JSON object")
    }
}
