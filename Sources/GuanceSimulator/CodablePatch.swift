import Foundation
import RichText

/// Applies a partial JSON object to a `Codable` settings value (the control API's behaviour and rate-limit
/// updates): listed properties are replaced, others kept; unknown property names are rejected.
enum CodablePatch {
    static func apply<Value: Codable>(
        _ patch: [String: JSONValue], to value: Value
    ) throws(GuanceSimulatorError) -> Value {
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        if let unknown = patch.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid("unknown setting \(unknown); known: \(known.sorted().joined(separator: ", "))")
        }
        do {
            var object = try json(value).objectValue ?? [:]
            object.merge(patch) { $1 }
            return try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(JSONValue.object(object)))
        } catch {
            throw .invalid("invalid setting value: \(error)")
        }
    }

    /// `value` as a JSON tree.
    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }
}
