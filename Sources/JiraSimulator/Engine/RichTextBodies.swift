import Foundation

/// Body conversions between the stored form and what each API version returns.
/// v3 returns ADF (a stored wiki string becomes one paragraph per line); v2 returns a string (ADF text is flattened).
enum RichTextBodies {
    static func render(_ stored: SimJSON, version: Int) -> SimJSON {
        switch (stored, version) {
        case (.null, _): .null
        case (.string(let text), 3): adf(fromPlainText: text)
        case (.object, 2): .string(plainText(fromADF: stored))
        default: stored
        }
    }

    static func adf(fromPlainText text: String) -> SimJSON {
        let paragraphs: [SimJSON] = text.components(separatedBy: "\n").map { line in
            line.isEmpty
                ? ["type": "paragraph", "content": []]
                : ["type": "paragraph", "content": [["type": "text", "text": .string(line)]]]
        }
        return ["type": "doc", "version": 1, "content": .array(paragraphs)]
    }

    /// Concatenated text nodes; block nodes separated by newlines.
    static func plainText(fromADF node: SimJSON) -> String {
        if node["type"]?.stringValue == "text" { return node["text"]?.stringValue ?? "" }
        if node["type"]?.stringValue == "hardBreak" { return "\n" }
        if node["type"]?.stringValue == "mention" { return node["attrs"]?["text"]?.stringValue ?? "" }
        let children = node["content"]?.arrayValue ?? []
        let isBlockContainer = ["doc", "bulletList", "orderedList", "listItem", "blockquote", "panel"]
            .contains(node["type"]?.stringValue ?? "")
        return children.map(plainText(fromADF:)).joined(separator: isBlockContainer ? "\n" : "")
    }

    /// HTML as `renderedFields`/`renderedBody` show it.
    static func html(_ stored: SimJSON) -> String {
        let text: String
        switch stored {
        case .string(let wiki): text = wiki
        case .object: text = plainText(fromADF: stored)
        default: return ""
        }
        return text.components(separatedBy: "\n").map { "<p>\(escape($0))</p>" }.joined()
    }

    /// `nil` when `value` is a valid ADF document; otherwise why not.
    static func adfProblem(_ value: SimJSON) -> String? {
        guard value["type"]?.stringValue == "doc" else { return "type must be doc" }
        guard value["version"]?.intValue == 1 else { return "version must be 1" }
        guard let content = value["content"]?.arrayValue else { return "content must be an array" }
        return content.lazy.compactMap(nodeProblem).first
    }

    private static func nodeProblem(_ node: SimJSON) -> String? {
        guard let type = node["type"]?.stringValue else { return "every node needs a type" }
        if type == "text", (node["text"]?.stringValue ?? "").isEmpty { return "text nodes need non-empty text" }
        return node["content"]?.arrayValue?.lazy.compactMap(nodeProblem).first
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
