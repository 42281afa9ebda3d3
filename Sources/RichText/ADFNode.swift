/// One node of an Atlassian Document Format (ADF) tree, as Jira Cloud's REST API v3 sends and
/// accepts it for descriptions and comment bodies.
///
/// The model is deliberately generic (type, attrs, content, marks, text) so that any document
/// Jira returns — including node types this project never writes — decodes and re-encodes
/// without loss. The root of a document is a node of type `doc` with `version: 1`.
public struct ADFNode: Sendable, Hashable, Codable {
    /// The node type: `doc`, `paragraph`, `text`, `hardBreak`, `mention`, `codeBlock`, …
    public var type: String
    /// Only on the `doc` root: the ADF version, always 1.
    public var version: Int?
    /// Node attributes (`level` of a heading, `language` of a code block, `id` of a mention, …).
    public var attrs: [String: JSONValue]?
    /// Child nodes of block and inline containers.
    public var content: [ADFNode]?
    /// The characters of a `text` node (never empty in a valid document).
    public var text: String?
    /// Marks on a `text` node (`strong`, `em`, `code`, `link` with `href`, …).
    public var marks: [ADFMark]?

    /// Creates a node.
    public init(
        type: String,
        version: Int? = nil,
        attrs: [String: JSONValue]? = nil,
        content: [ADFNode]? = nil,
        text: String? = nil,
        marks: [ADFMark]? = nil
    ) {
        self.type = type
        self.version = version
        self.attrs = attrs
        self.content = content
        self.text = text
        self.marks = marks
    }

    /// A document root (`{"type":"doc","version":1,"content":[…]}`).
    public static func document(_ content: [ADFNode]) -> ADFNode {
        ADFNode(type: "doc", version: 1, content: content)
    }
}

/// A mark on an ADF text node, e.g. `{"type":"link","attrs":{"href":"https://…"}}`.
public struct ADFMark: Sendable, Hashable, Codable {
    /// The mark type: `strong`, `em`, `code`, `strike`, `underline`, `link`, `textColor`, …
    public var type: String
    /// Mark attributes (`href` of a link, `color` of a text colour).
    public var attrs: [String: JSONValue]?

    /// Creates a mark.
    public init(type: String, attrs: [String: JSONValue]? = nil) {
        self.type = type
        self.attrs = attrs
    }
}
