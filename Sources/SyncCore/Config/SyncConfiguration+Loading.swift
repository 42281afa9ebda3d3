import Foundation
import Yams

extension SyncConfiguration {
    /// Reads and checks a configuration file. Throws ``ConfigurationError`` listing every problem:
    /// YAML syntax, unknown keys (typos), wrong types, and the semantic checks of ``problems()``.
    public static func load(path: String) throws(ConfigurationError) -> SyncConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(problems: [.init(path: "", message: "cannot read \(path)")])
        }
        return try parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses and checks configuration text (see ``load(path:)``).
    public static func parse(_ yaml: String) throws(ConfigurationError) -> SyncConfiguration {
        let tree: Any?
        do {
            tree = try Yams.load(yaml: yaml)
        } catch {
            throw ConfigurationError(problems: [.init(path: "", message: "not valid YAML: \(error)")])
        }
        var problems = unknownKeys(in: tree, schema: schema, path: "")
        let configuration: SyncConfiguration
        do {
            configuration = try YAMLDecoder().decode(SyncConfiguration.self, from: yaml)
        } catch let DecodingError.keyNotFound(key, context) {
            problems.append(.init(path: dotted(context.codingPath + [key]), message: "is required"))
            throw ConfigurationError(problems: problems)
        } catch let DecodingError.typeMismatch(type, context) {
            problems.append(.init(path: dotted(context.codingPath), message: "expected \(type)"))
            throw ConfigurationError(problems: problems)
        } catch let DecodingError.dataCorrupted(context) {
            problems.append(.init(path: dotted(context.codingPath), message: context.debugDescription))
            throw ConfigurationError(problems: problems)
        } catch {
            problems.append(.init(path: "", message: "\(error)"))
            throw ConfigurationError(problems: problems)
        }
        problems += configuration.problems()
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// Allowed keys per section; `nil` children mean free-form keys (maps such as `priorities`).
    private indirect enum KeySchema {
        case object([String: KeySchema])
        case list(KeySchema)
        case any
    }

    private static var schema: KeySchema {
        func keys(_ names: [String], _ children: [String: KeySchema] = [:]) -> KeySchema {
            .object(Dictionary(uniqueKeysWithValues: names.map { ($0, children[$0] ?? .any) }))
        }
        let match = keys(RoutingRule.Match.CodingKeys.allCases.map(\.rawValue))
        let rule = keys(RoutingRule.CodingKeys.allCases.map(\.rawValue), ["match": match])
        let target = keys(["project", "issueType"])
        return keys(CodingKeys.allCases.map(\.rawValue), [
            "guance": keys(GuanceSettings.CodingKeys.allCases.map(\.rawValue)),
            "jira": keys(JiraSettings.CodingKeys.allCases.map(\.rawValue)),
            "routing": keys(["rules", "default"], ["rules": .list(rule), "default": target]),
            "templates": keys(Templates.CodingKeys.allCases.map(\.rawValue)),
            "policies": keys(Policies.CodingKeys.allCases.map(\.rawValue)),
            "users": keys(UserMapping.CodingKeys.allCases.map(\.rawValue), [
                "map": .list(keys(UserMapping.Pair.CodingKeys.allCases.map(\.rawValue))),
            ]),
        ])
    }

    private static func unknownKeys(in node: Any?, schema: KeySchema, path: String) -> [ConfigurationProblem] {
        switch (schema, node) {
        case (.object(let allowed), let map as [String: Any]):
            return map.keys.sorted().flatMap { key -> [ConfigurationProblem] in
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let child = allowed[key] else {
                    let known = allowed.keys.sorted().joined(separator: ", ")
                    return [.init(path: childPath, message: "unknown setting (known here: \(known))")]
                }
                return unknownKeys(in: map[key], schema: child, path: childPath)
            }
        case (.list(let element), let list as [Any]):
            return list.enumerated().flatMap { unknownKeys(in: $1, schema: element, path: "\(path)[\($0)]") }
        default:
            return []
        }
    }

    private static func dotted(_ path: [any CodingKey]) -> String {
        path.reduce("") { result, key in
            if let index = key.intValue { return "\(result)[\(index)]" }
            return result.isEmpty ? key.stringValue : "\(result).\(key.stringValue)"
        }
    }
}
