extension RichDocument {
    /// The ids of every mention in the document, first occurrence first, without duplicates:
    /// what a Guance write needs in `extend.members` (so the members are notified) or what a
    /// Jira write needs to look up accountIds for ``ADFRenderOptions/mentionAccountIDs``.
    public var mentionIDs: [String] {
        var seen: Set<String> = []
        return Self.mentions(in: blocks).compactMap { id in seen.insert(id).inserted ? id : nil }
    }

    private static func mentions(in blocks: [RichBlock]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines):
                return inlines.compactMap { inline in
                    if case .mention(_, let id?) = inline { return id }
                    return nil
                }
            case .bulletList(let items), .orderedList(let items):
                return items.flatMap { mentions(in: $0.blocks) }
            case .blockquote(let children):
                return mentions(in: children)
            case .codeBlock, .rule:
                return []
            }
        }
    }
}
