extension RichDocument {
    /// The number of visible characters (grapheme clusters): text, mention names with their
    /// `@`, code, and one per hard break and rule.
    public var characterCount: Int {
        blocks.reduce(0) { $0 + $1.characterCount }
    }

    /// The document cut after its first `count` visible characters (see ``characterCount``),
    /// keeping every block that starts before the cut intact as a structure: a list keeps its
    /// nesting, a code block stays a code block.
    public func prefix(characters count: Int) -> RichDocument {
        var budget = max(count, 0)
        return RichDocument(blocks: Self.prefix(blocks, budget: &budget)).normalized()
    }

    /// The document unchanged when `render(self)` fits `limit`; otherwise the longest prefix
    /// (see ``prefix(characters:)``) that, followed by a final paragraph holding `marker`,
    /// renders within `limit`. Because the cut happens in the model and the result is
    /// rendered afresh, it can never split an escape, an entity, a markup pair or a surrogate
    /// pair. Returns `nil` only when not even the marker alone fits.
    public func truncated(
        toFit limit: TextLimit,
        marker: String = TruncationMarker.fullTextInGuance,
        renderedBy render: (RichDocument) -> String
    ) -> RichDocument? {
        // Every visible character renders to at least one unit, so a document with more
        // characters than the limit cannot fit and need not be rendered whole.
        if characterCount <= limit.maximum, limit.allows(render(self)) { return self }
        let markerBlock = RichBlock.paragraph([.plain(marker)])
        func candidate(_ count: Int) -> RichDocument {
            var document = prefix(characters: count)
            document.blocks.append(markerBlock)
            return document
        }
        guard limit.allows(render(candidate(0))) else { return nil }
        // For the same reason the answer is at most `limit.maximum`, which bounds the cost of
        // each render.
        var low = 0
        var high = min(characterCount, limit.maximum)
        while low < high {
            let middle = (low + high + 1) / 2
            if limit.allows(render(candidate(middle))) { low = middle } else { high = middle - 1 }
        }
        return candidate(low)
    }

    private static func prefix(_ blocks: [RichBlock], budget: inout Int) -> [RichBlock] {
        var result: [RichBlock] = []
        for block in blocks {
            guard budget > 0 else { break }
            switch block {
            case .paragraph(let inlines):
                result.append(.paragraph(prefix(inlines, budget: &budget)))
            case .heading(let level, let inlines):
                result.append(.heading(level: level, prefix(inlines, budget: &budget)))
            case .codeBlock(let language, let text):
                let kept = String(text.prefix(budget))
                budget -= kept.count
                result.append(.codeBlock(language: language, text: kept))
            case .bulletList(let items):
                result.append(.bulletList(prefix(items, budget: &budget)))
            case .orderedList(let items):
                result.append(.orderedList(prefix(items, budget: &budget)))
            case .blockquote(let children):
                result.append(.blockquote(prefix(children, budget: &budget)))
            case .rule:
                budget -= 1
                result.append(.rule)
            }
        }
        return result
    }

    private static func prefix(_ items: [RichListItem], budget: inout Int) -> [RichListItem] {
        var result: [RichListItem] = []
        for item in items {
            guard budget > 0 else { break }
            result.append(RichListItem(blocks: prefix(item.blocks, budget: &budget)))
        }
        return result
    }

    private static func prefix(_ inlines: [RichInline], budget: inout Int) -> [RichInline] {
        var result: [RichInline] = []
        for inline in inlines {
            guard budget > 0 else { break }
            switch inline {
            case .text(let text, let style):
                let kept = String(text.prefix(budget))
                budget -= kept.count
                result.append(.text(kept, style))
            case .hardBreak:
                budget -= 1
                result.append(.hardBreak)
            case .mention(let name, _):
                let length = name.count + 1
                guard length <= budget else {
                    result.append(.plain(String(("@" + name).prefix(budget))))
                    budget = 0
                    break
                }
                budget -= length
                result.append(inline)
            }
        }
        return result
    }
}

extension RichBlock {
    /// Visible characters in the block (see ``RichDocument/characterCount``).
    var characterCount: Int {
        switch self {
        case .paragraph(let inlines), .heading(_, let inlines):
            return inlines.reduce(0) { $0 + $1.characterCount }
        case .codeBlock(_, let text):
            return text.count
        case .bulletList(let items), .orderedList(let items):
            return items.reduce(0) { $0 + $1.blocks.reduce(0) { $0 + $1.characterCount } }
        case .blockquote(let blocks):
            return blocks.reduce(0) { $0 + $1.characterCount }
        case .rule:
            return 1
        }
    }
}

extension RichInline {
    /// Visible characters in the inline: a hard break counts 1, a mention its name plus `@`.
    var characterCount: Int {
        switch self {
        case .text(let text, _): return text.count
        case .hardBreak: return 1
        case .mention(let name, _): return name.count + 1
        }
    }
}
