extension RichDocument {
    /// The document as a simple HTML fragment (`<p>`, `<br>`, `<strong>`, `<em>`, `<code>`,
    /// `<s>`, `<a href>`, `<pre><code>`, `<ul>`/`<ol>`/`<li>`, `<h1>`…`<h6>`, `<blockquote>`,
    /// `<hr>`), with every text and attribute escaped. Mentions are written as `@Name` text.
    ///
    /// Offered for Guance descriptions, which the Guance UI renders as HTML. Replies should
    /// use ``plainText()``: the API documents reply `content` only as a string.
    public func html() -> String {
        HTMLRenderer.blocks(normalized().blocks)
    }
}

/// Renders the model as HTML.
enum HTMLRenderer {
    static func blocks(_ blocks: [RichBlock]) -> String {
        blocks.map(block).joined()
    }

    private static func block(_ block: RichBlock) -> String {
        switch block {
        case .paragraph(let inlines):
            return "<p>\(inline(inlines))</p>"
        case .heading(let level, let inlines):
            return "<h\(level)>\(inline(inlines))</h\(level)>"
        case .codeBlock(let language, let text):
            let attribute = language.map { " class=\"language-\(escape($0))\"" } ?? ""
            return "<pre><code\(attribute)>\(escape(text))</code></pre>"
        case .bulletList(let items):
            return "<ul>\(items.map(item).joined())</ul>"
        case .orderedList(let items):
            return "<ol>\(items.map(item).joined())</ol>"
        case .blockquote(let children):
            return "<blockquote>\(blocks(children))</blockquote>"
        case .rule:
            return "<hr>"
        }
    }

    private static func item(_ item: RichListItem) -> String {
        "<li>\(blocks(item.blocks))</li>"
    }

    private static func inline(_ inlines: [RichInline]) -> String {
        inlines.map { inline in
            switch inline {
            case .hardBreak:
                return "<br>"
            case .mention(let name, _):
                return escape("@" + name)
            case .text(let text, let style):
                var html = escape(text).replacing("\n", with: "<br>")
                if style.isCode { html = "<code>\(html)</code>" }
                if style.isStrike { html = "<s>\(html)</s>" }
                if style.isItalic { html = "<em>\(html)</em>" }
                if style.isBold { html = "<strong>\(html)</strong>" }
                if let link = style.link { html = "<a href=\"\(escape(link))\">\(html)</a>" }
                return html
            }
        }.joined()
    }

    private static let escapes: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    static func escape(_ text: String) -> String {
        text.replacingScalars(escapes)
    }
}
