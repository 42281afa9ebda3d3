/// A format-neutral rich-text document: the intermediate model every converter in this module
/// reads from or writes to (Guance HTML / plain text → model → ADF or wiki markup, and
/// ADF / wiki markup → model → the plain text posted as a Guance reply).
///
/// The model is intentionally small: it holds only what both Guance and Jira can express.
/// Anything richer (tables, panels, colours) degrades to its text when parsed.
public struct RichDocument: Sendable, Hashable {
    /// The top-level blocks, in reading order.
    public var blocks: [RichBlock]

    /// Creates a document from its blocks.
    public init(blocks: [RichBlock] = []) {
        self.blocks = blocks
    }

    /// `true` when the document holds no visible characters at all.
    public var isEmpty: Bool {
        blocks.allSatisfy(\.isEmpty)
    }
}

/// A block-level element of a ``RichDocument``.
public indirect enum RichBlock: Sendable, Hashable {
    /// A paragraph of inline content.
    case paragraph([RichInline])
    /// A heading; `level` is 1…6.
    case heading(level: Int, [RichInline])
    /// Preformatted code; `language` is `nil` when unknown. The text is kept verbatim.
    case codeBlock(language: String?, text: String)
    /// An unordered list.
    case bulletList([RichListItem])
    /// An ordered list, numbered from 1.
    case orderedList([RichListItem])
    /// A quotation containing further blocks.
    case blockquote([RichBlock])
    /// A horizontal rule.
    case rule

    /// `true` when the block renders no visible characters (a rule is never empty).
    public var isEmpty: Bool {
        switch self {
        case .paragraph(let inlines), .heading(_, let inlines):
            return inlines.allSatisfy(\.isEmpty)
        case .codeBlock(_, let text):
            return text.isEmpty
        case .bulletList(let items), .orderedList(let items):
            return items.allSatisfy { $0.blocks.allSatisfy(\.isEmpty) }
        case .blockquote(let blocks):
            return blocks.allSatisfy(\.isEmpty)
        case .rule:
            return false
        }
    }
}

/// One item of a bullet or ordered list. Items hold blocks, so lists nest by putting a list
/// block inside an item.
public struct RichListItem: Sendable, Hashable {
    /// The item's content: usually one paragraph, optionally followed by nested lists.
    public var blocks: [RichBlock]

    /// Creates a list item from its blocks.
    public init(blocks: [RichBlock]) {
        self.blocks = blocks
    }

    /// Creates a list item holding a single paragraph.
    public init(_ inlines: [RichInline]) {
        self.blocks = [.paragraph(inlines)]
    }
}
