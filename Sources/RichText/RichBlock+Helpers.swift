extension [RichBlock] {
    /// The inline content of these blocks in reading order, with a hard break between blocks
    /// (used where only inline content is allowed, such as a heading or a wiki list line).
    func flattenedInlines() -> [RichInline] {
        var result: [RichInline] = []
        for block in self {
            let inlines: [RichInline]
            switch block {
            case .paragraph(let content), .heading(_, let content):
                inlines = content
            case .codeBlock(_, let text):
                inlines = [.text(text, RichTextStyle(isCode: true))]
            case .bulletList(let items), .orderedList(let items):
                inlines = items.flatMap(\.blocks).flattenedInlines()
            case .blockquote(let blocks):
                inlines = blocks.flattenedInlines()
            case .rule:
                inlines = []
            }
            guard !inlines.isEmpty else { continue }
            if !result.isEmpty { result.append(.hardBreak) }
            result.append(contentsOf: inlines)
        }
        return result
    }
}

extension RichBlock {
    /// `true` for bullet and ordered lists.
    var isList: Bool {
        switch self {
        case .bulletList, .orderedList: return true
        default: return false
        }
    }
}
