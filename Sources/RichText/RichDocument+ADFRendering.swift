extension RichDocument {
    /// The document as an ADF `doc` node (version 1) that satisfies Jira's rules: no empty
    /// text nodes, no marks inside `codeBlock`, list items that start with a paragraph, only
    /// paragraphs, lists and code blocks inside list items and quotes, newlines in prose turned
    /// into `hardBreak`s, links as `link` marks and mentions as plain `@Name` unless
    /// `options` maps them to a Jira accountId.
    public func adfDocument(options: ADFRenderOptions = ADFRenderOptions()) -> ADFNode {
        let renderer = ADFRenderer(options: options)
        return .document(normalized().blocks.flatMap { renderer.topLevel($0) })
    }
}

/// Renders model blocks and inlines as ADF nodes.
struct ADFRenderer {
    let options: ADFRenderOptions

    func topLevel(_ block: RichBlock) -> [ADFNode] {
        switch block {
        case .heading(let level, let inlines):
            return [ADFNode(type: "heading", attrs: ["level": .int(Int64(level))], content: inline(inlines))]
        case .blockquote(let blocks):
            return [ADFNode(type: "blockquote", content: blocks.flatMap(nested))]
        case .rule:
            return [ADFNode(type: "rule")]
        default:
            return nested(block)
        }
    }

    /// Renders a block where only paragraphs, lists and code blocks are allowed (list items and
    /// quotes): headings become bold paragraphs, quotes are flattened and rules disappear.
    func nested(_ block: RichBlock) -> [ADFNode] {
        switch block {
        case .paragraph(let inlines):
            return [ADFNode(type: "paragraph", content: inline(inlines))]
        case .heading(_, let inlines):
            return nested(.paragraph(inlines.map(\.emboldened)))
        case .codeBlock(let language, let text):
            let attrs: [String: JSONValue]? = language.map { ["language": .string($0)] }
            let content = text.isEmpty ? [] : [ADFNode(type: "text", text: text)]
            return [ADFNode(type: "codeBlock", attrs: attrs, content: content)]
        case .bulletList(let items):
            return [ADFNode(type: "bulletList", content: items.map(listItem))]
        case .orderedList(let items):
            return [ADFNode(type: "orderedList", content: items.map(listItem))]
        case .blockquote(let blocks):
            return blocks.flatMap(nested)
        case .rule:
            return []
        }
    }

    private func listItem(_ item: RichListItem) -> ADFNode {
        var content = item.blocks.flatMap(nested)
        if let first = content.first, first.type != "paragraph", first.type != "codeBlock" {
            content.insert(ADFNode(type: "paragraph", content: []), at: 0)
        }
        if content.isEmpty { content = [ADFNode(type: "paragraph", content: [])] }
        return ADFNode(type: "listItem", content: content)
    }

    func inline(_ inlines: [RichInline]) -> [ADFNode] {
        var nodes: [ADFNode] = []
        for inline in inlines {
            switch inline {
            case .hardBreak:
                nodes.append(ADFNode(type: "hardBreak"))
            case .text(let text, let style):
                let marks = Self.marks(for: style)
                for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if offset > 0 { nodes.append(ADFNode(type: "hardBreak")) }
                    if !line.isEmpty { nodes.append(ADFNode(type: "text", text: String(line), marks: marks)) }
                }
            case .mention(let name, let id):
                if let id, let accountID = options.mentionAccountIDs[id] {
                    nodes.append(ADFNode(
                        type: "mention",
                        attrs: ["id": .string(accountID), "text": .string("@" + name), "accessLevel": .string("")]
                    ))
                } else {
                    nodes.append(ADFNode(type: "text", text: "@" + name))
                }
            }
        }
        return nodes
    }

    /// ADF marks for `style`. The `code` mark only combines with `link` in ADF, so other marks
    /// are dropped from code runs.
    static func marks(for style: RichTextStyle) -> [ADFMark]? {
        var marks: [ADFMark] = []
        if style.isCode {
            marks.append(ADFMark(type: "code"))
        } else {
            if style.isBold { marks.append(ADFMark(type: "strong")) }
            if style.isItalic { marks.append(ADFMark(type: "em")) }
            if style.isStrike { marks.append(ADFMark(type: "strike")) }
        }
        if let link = style.link { marks.append(ADFMark(type: "link", attrs: ["href": .string(link)])) }
        return marks.isEmpty ? nil : marks
    }
}
