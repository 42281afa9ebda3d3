import Foundation
import Testing

/// `compose.yaml` parsed (anchors resolved), with typed access to what the drift tests read.
struct ComposeFile {
    /// The whole document.
    let document: [String: Any]

    /// Loads the repository's `compose.yaml`.
    static func load() throws -> ComposeFile {
        ComposeFile(document: try Repository.yaml("compose.yaml"))
    }

    /// Every service by name.
    var services: [String: [String: Any]] {
        (document["services"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
    }

    /// One service, or a test failure.
    func service(_ name: String) throws -> [String: Any] {
        try #require(services[name], "compose.yaml has no service \(name)")
    }

    /// A service's environment as a dictionary (Compose allows a mapping or a `KEY=value` list).
    func environment(of name: String) throws -> [String: String] {
        let service = try service(name)
        if let mapping = service["environment"] as? [String: Any] {
            return mapping.mapValues { "\($0)" }
        }
        let list = service["environment"] as? [String] ?? []
        return Dictionary(list.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }) { first, _ in first }
    }

    /// The secret names a service mounts (short or long syntax).
    func secrets(of name: String) throws -> [String] {
        let entries = try service(name)["secrets"] as? [Any] ?? []
        return entries.compactMap { entry in
            (entry as? String) ?? ((entry as? [String: Any])?["source"] as? String)
        }
    }

    /// The top-level secrets: name → file path.
    var declaredSecretFiles: [String: String] {
        (document["secrets"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? [String: Any])?["file"] as? String }
    }

    /// The service's command as a list of words.
    func command(of name: String) throws -> [String] {
        let service = try service(name)
        if let list = service["command"] as? [Any] { return list.map { "\($0)" } }
        return (service["command"] as? String)?.split(separator: " ").map(String.init) ?? []
    }

    /// A value that is exactly one Compose interpolation `${NAME-default}` or `${NAME:-default}`, split
    /// into the variable and its default; `nil` for a literal.
    static func interpolation(_ value: String) -> (name: String, fallback: String)? {
        guard value.hasPrefix("${"), value.hasSuffix("}"), value.filter({ $0 == "$" }).count == 1 else { return nil }
        let body = value.dropFirst(2).dropLast()
        guard let dash = body.firstIndex(of: "-") else { return (String(body), "") }
        let name = body[..<dash].hasSuffix(":") ? body[..<dash].dropLast() : body[..<dash]
        return (String(name), String(body[body.index(after: dash)...]))
    }
}
