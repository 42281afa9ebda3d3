extension RichDocument {
    /// Reads an ADF document (or any ADF node) into the model.
    ///
    /// Known nodes map one to one; containers the model lacks (`panel`, `expand`, `layout…`,
    /// `table`, `taskList`, …) contribute their content; inline nodes the model lacks
    /// (`emoji`, `status`, `date`, `inlineCard`, …) contribute their text; media are dropped.
    public init(adf node: ADFNode) {
        var accumulator = BlockAccumulator(collapsesWhitespace: false)
        ADFReader.readBlock(node, into: &accumulator)
        self = RichDocument(blocks: accumulator.finish()).normalized()
    }
}

/// Walks ADF nodes and feeds a ``BlockAccumulator``.
enum ADFReader {
    private static let inlineTypes: Set<String> = [
        "text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status", "placeholder", "mediaInline",
        "inlineExtension",
    ]
    private static let droppedTypes: Set<String> = ["media", "mediaGroup", "mediaSingle", "mediaInline", "extension"]

    static func readBlock(_ node: ADFNode, into accumulator: inout BlockAccumulator) {
        let children = node.content ?? []
        switch node.type {
        case _ where inlineTypes.contains(node.type):
            readInline(node, into: &accumulator)
        case _ where droppedTypes.contains(node.type):
            return
        case "paragraph":
            accumulator.flush()
            for child in children { readInline(child, into: &accumulator) }
            accumulator.flush()
        case "heading":
            let level = node.attrs?["level"]?.intValue.map { Int($0) } ?? 1
            accumulator.appendBlock(.heading(level: level, inlines(of: children)))
        case "codeBlock":
            let language = node.attrs?["language"]?.stringValue
            accumulator.appendBlock(.codeBlock(language: language, text: children.map(plainText).joined()))
        case "bulletList", "orderedList", "taskList", "decisionList":
            let items = children.map { RichListItem(blocks: blocks(of: $0.content ?? [])) }
            accumulator.appendBlock(node.type == "orderedList" ? .orderedList(items) : .bulletList(items))
        case "blockquote":
            accumulator.appendBlock(.blockquote(blocks(of: children)))
        case "rule":
            accumulator.appendBlock(.rule)
        case "tableRow":
            let cells = children.map { blocks(of: $0.content ?? []).flattenedInlines() }
            let separated = cells.filter { !$0.isEmpty }.joined(separator: [RichInline.plain(" | ")])
            accumulator.appendBlock(.paragraph(Array(separated)))
        case "blockCard", "embedCard":
            accumulator.appendBlock(.paragraph(cardInlines(node)))
        default:
            accumulator.flush()
            for child in children { readBlock(child, into: &accumulator) }
            accumulator.flush()
        }
    }

    private static func blocks(of nodes: [ADFNode]) -> [RichBlock] {
        var nested = BlockAccumulator(collapsesWhitespace: false)
        for node in nodes { readBlock(node, into: &nested) }
        return nested.finish()
    }

    private static func inlines(of nodes: [ADFNode]) -> [RichInline] {
        var nested = BlockAccumulator(collapsesWhitespace: false)
        for node in nodes { readInline(node, into: &nested) }
        return nested.finish().flattenedInlines()
    }

    static func readInline(_ node: ADFNode, into accumulator: inout BlockAccumulator) {
        switch node.type {
        case "text":
            accumulator.appendText(node.text ?? "", style: style(of: node.marks ?? []))
        case "hardBreak":
            accumulator.append(.hardBreak)
        case "mention":
            var name = node.attrs?["text"]?.stringValue ?? ""
            if name.hasPrefix("@") { name.removeFirst() }
            let id = node.attrs?["id"]?.stringValue
            if name.isEmpty, let id { name = id }
            if !name.isEmpty { accumulator.append(.mention(displayName: name, id: id)) }
        case "inlineCard":
            for inline in cardInlines(node) { accumulator.append(inline) }
        case _ where droppedTypes.contains(node.type):
            return
        default:
            if let text = node.attrs?["text"]?.stringValue ?? node.attrs?["shortName"]?.stringValue {
                accumulator.appendText(text, style: RichTextStyle())
            }
            for child in node.content ?? [] { readInline(child, into: &accumulator) }
        }
    }

    private static func cardInlines(_ node: ADFNode) -> [RichInline] {
        guard let url = node.attrs?["url"]?.stringValue, !url.isEmpty else { return [] }
        return [.text(url, RichTextStyle(link: LinkPolicy.isSafe(url) ? url : nil))]
    }

    private static func style(of marks: [ADFMark]) -> RichTextStyle {
        var style = RichTextStyle()
        for mark in marks {
            switch mark.type {
            case "strong": style.isBold = true
            case "em": style.isItalic = true
            case "code": style.isCode = true
            case "strike": style.isStrike = true
            case "link":
                if let href = mark.attrs?["href"]?.stringValue, LinkPolicy.isSafe(href) { style.link = href }
            default: break
            }
        }
        return style
    }

    /// All text below `node`, with hard breaks as newlines.
    static func plainText(_ node: ADFNode) -> String {
        if node.type == "hardBreak" { return "\n" }
        return (node.text ?? "") + (node.content ?? []).map(plainText).joined()
    }
}
