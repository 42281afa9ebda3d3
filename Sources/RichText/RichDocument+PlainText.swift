extension RichDocument {
    /// The document as readable plain text, the default format for a Guance reply (the Guance
    /// API documents reply `content` only as a string, so markup would show literally).
    ///
    /// Paragraphs are separated by blank lines, list items start with `- ` or `1. ` (nested
    /// items are indented), code blocks are kept verbatim between ```` ``` ```` fences, quotes
    /// start with `> `, links read `text (url)` and mentions `@Name`.
    public func plainText() -> String {
        PlainTextRenderer.blocks(normalized().blocks)
    }
}

/// Renders the model as plain text.
enum PlainTextRenderer {
    static func blocks(_ blocks: [RichBlock]) -> String {
        blocks.map(block).joined(separator: "\n\n")
    }

    private static func block(_ block: RichBlock) -> String {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines):
            return inline(inlines)
        case .codeBlock(let language, let text):
            return "```\(language ?? "")\n\(text)\n```"
        case .bulletList(let items):
            return items.map { item($0, marker: "- ") }.joined(separator: "\n")
        case .orderedList(let items):
            return items.enumerated().map { item($1, marker: "\($0 + 1). ") }.joined(separator: "\n")
        case .blockquote(let children):
            return blocks(children).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }
                .joined(separator: "\n")
        case .rule:
            return "----"
        }
    }

    private static func item(_ item: RichListItem, marker: String) -> String {
        let indent = String(repeating: " ", count: marker.count)
        let text = item.blocks.map(block).joined(separator: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { offset, line in
            if offset == 0 { return marker + line }
            return line.isEmpty ? "" : indent + line
        }.joined(separator: "\n")
    }

    /// Inline content as text; consecutive runs with the same link are followed by ` (url)`
    /// once, unless their text already is the url.
    static func inline(_ inlines: [RichInline]) -> String {
        var output = ""
        var linkText = ""
        var currentLink: String?
        func closeLink() {
            guard let link = currentLink else { return }
            output += linkText == link ? link : "\(linkText) (\(link))"
            linkText = ""
            currentLink = nil
        }
        for inline in inlines {
            switch inline {
            case .text(let text, let style) where style.link != nil:
                if style.link != currentLink { closeLink() }
                currentLink = style.link
                linkText += text
            case .text(let text, _):
                closeLink()
                output += text
            case .hardBreak:
                closeLink()
                output += "\n"
            case .mention(let name, _):
                closeLink()
                output += "@" + name
            }
        }
        closeLink()
        return output
    }
}
