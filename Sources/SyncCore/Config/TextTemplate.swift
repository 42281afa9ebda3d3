import Foundation

/// A text template with `{placeholder}` fields, e.g. `[Guance] {name}`.
///
/// Templates are parsed once (at configuration check), so an unknown or unclosed placeholder is a
/// configuration error, never a runtime surprise. `{{` and `}}` stand for literal braces.
public struct TextTemplate: Sendable, Hashable {
    /// The template as written.
    public let source: String
    private let parts: [Part]

    private enum Part: Sendable, Hashable {
        case literal(String)
        case field(String)
    }

    /// Parses a template, accepting only the given placeholder names.
    public init(_ source: String, allowedFields: Set<String>) throws(TemplateError) {
        var parts: [Part] = []
        var literal = ""
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            let next = source.index(after: index)
            if character == "{", next < source.endIndex, source[next] == "{" {
                literal.append("{")
                index = source.index(after: next)
            } else if character == "}", next < source.endIndex, source[next] == "}" {
                literal.append("}")
                index = source.index(after: next)
            } else if character == "{" {
                guard let close = source[next...].firstIndex(of: "}") else {
                    throw TemplateError(template: source, reason: "unclosed '{'")
                }
                let name = String(source[next..<close]).trimmingCharacters(in: .whitespaces)
                guard allowedFields.contains(name) else {
                    let known = allowedFields.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    throw TemplateError(template: source, reason: "unknown placeholder {\(name)}; known: \(known)")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.field(name))
                index = source.index(after: close)
            } else if character == "}" {
                throw TemplateError(template: source, reason: "unmatched '}' (write '}}' for a literal brace)")
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.source = source
        self.parts = parts
    }

    /// The placeholder names the template uses.
    public var fields: [String] {
        parts.compactMap { if case .field(let name) = $0 { name } else { nil } }
    }

    /// Renders the template; a field without a value renders as an empty string.
    public func render(_ values: [String: String]) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): text
            case .field(let name): values[name] ?? ""
            }
        }.joined()
    }
}

/// A template that does not parse.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The template as written.
    public var template: String
    /// What is wrong.
    public var reason: String

    public var description: String { "template \"\(template)\": \(reason)" }
}
