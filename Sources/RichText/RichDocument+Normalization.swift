extension RichDocument {
    /// The same document in canonical form: control characters other than tab, newline and
    /// carriage return replaced by U+FFFD (Jira's database rejects NUL), empty text runs dropped,
    /// unsafe link targets removed
    /// (only absolute `http`, `https`, `mailto` and `ftp` targets are kept), mention names made
    /// single-line, adjacent runs with the same style merged, leading/trailing hard breaks
    /// removed, and empty paragraphs, headings, code blocks, list items, lists and quotes dropped.
    ///
    /// Every parser in this module returns normalized documents, so two documents that render
    /// identically compare equal.
    public func normalized() -> RichDocument {
        RichDocument(blocks: RichDocument.normalize(blocks))
    }

    static func normalize(_ blocks: [RichBlock]) -> [RichBlock] {
        blocks.compactMap { block -> RichBlock? in
            let result: RichBlock
            switch block {
            case .paragraph(let inlines):
                result = .paragraph(normalize(inlines))
            case .heading(let level, let inlines):
                result = .heading(level: min(max(level, 1), 6), normalize(inlines))
            case .codeBlock(let language, let text):
                let trimmedLanguage = language?.trimmingWhitespace()
                result = .codeBlock(
                    language: trimmedLanguage?.isEmpty == false ? trimmedLanguage : nil,
                    text: text.replacingControlCharacters()
                )
            case .bulletList(let items):
                result = .bulletList(normalize(items))
            case .orderedList(let items):
                result = .orderedList(normalize(items))
            case .blockquote(let children):
                result = .blockquote(normalize(children))
            case .rule:
                result = .rule
            }
            return result.isEmpty ? nil : result
        }
    }

    static func normalize(_ items: [RichListItem]) -> [RichListItem] {
        items.compactMap { item in
            let blocks = normalize(item.blocks)
            return blocks.isEmpty ? nil : RichListItem(blocks: blocks)
        }
    }

    static func normalize(_ inlines: [RichInline]) -> [RichInline] {
        var result: [RichInline] = []
        for inline in inlines {
            switch inline {
            case .text(let text, _) where text.isEmpty:
                continue
            case .text(let rawText, var style):
                let text = rawText.replacingControlCharacters()
                if let link = style.link, !LinkPolicy.isSafe(link) { style.link = nil }
                if case .text(let previous, let previousStyle) = result.last, previousStyle == style {
                    result[result.count - 1] = .text(previous + text, style)
                } else {
                    result.append(.text(text, style))
                }
            case .mention(let name, let id):
                let singleLine = name.collapsingWhitespace().trimmingWhitespace()
                guard !singleLine.isEmpty else { continue }
                result.append(.mention(displayName: singleLine, id: id?.isEmpty == true ? nil : id))
            case .hardBreak:
                result.append(.hardBreak)
            }
        }
        while result.first == .hardBreak { result.removeFirst() }
        while result.last == .hardBreak { result.removeLast() }
        return result
    }
}
