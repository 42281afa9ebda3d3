/// Converts the HTML that Guance writes into issue descriptions (and any similar fragment) into
/// a ``RichDocument``.
///
/// Unknown tags contribute their text, malformed markup is repaired by ``HTMLTreeBuilder``, and
/// Guance mention spans (`<span data-at-embedded … data-info="{item:{uuid}}">@Name</span>`) become
/// ``RichInline/mention(displayName:id:)``.
struct GuanceHTMLConverter {
    private static let blockContainers: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption",
        "address", "dl", "dt", "dd", "form", "fieldset", "details", "summary", "center", "table", "thead",
        "tbody", "tfoot", "tr", "caption", "li",
    ]
    private static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]

    /// Converts `html`. When it contains no block-level tag and no `<br>`, newlines in its text
    /// are treated as line breaks (the editor stored pre-wrapped text); otherwise whitespace
    /// collapses as in a browser.
    static func convert(_ html: String) -> RichDocument {
        let tokens = HTMLTokenizer.tokenize(html)
        let hasBlockStructure = tokens.contains { token in
            guard case .startTag(let name, _, _) = token else { return false }
            return name == "br" || HTMLTreeBuilder.blockElements.contains(name)
        }
        let converter = GuanceHTMLConverter(collapsesWhitespace: hasBlockStructure)
        var accumulator = BlockAccumulator(collapsesWhitespace: hasBlockStructure)
        converter.walk(HTMLTreeBuilder.build(tokens), style: RichTextStyle(), into: &accumulator)
        return RichDocument(blocks: accumulator.finish()).normalized()
    }

    private let collapsesWhitespace: Bool

    private func walk(_ nodes: [HTMLNode], style: RichTextStyle, into accumulator: inout BlockAccumulator) {
        for node in nodes {
            switch node {
            case .text(let text):
                accumulator.appendText(text, style: style)
            case .element(let name, let attributes, let children):
                walkElement(name: name, attributes: attributes, children: children, style: style, into: &accumulator)
            }
        }
    }

    private func walkElement(
        name: String,
        attributes: [String: String],
        children: [HTMLNode],
        style: RichTextStyle,
        into accumulator: inout BlockAccumulator
    ) {
        if let level = Self.headingLevels[name] {
            accumulator.appendBlock(.heading(level: level, inlineContent(of: children, style: style)))
            return
        }
        if Self.blockContainers.contains(name) {
            accumulator.flush()
            walk(children, style: style, into: &accumulator)
            accumulator.flush()
            return
        }
        switch name {
        case "br":
            accumulator.append(.hardBreak)
        case "hr":
            accumulator.appendBlock(.rule)
        case "pre":
            accumulator.appendBlock(codeBlock(attributes: attributes, children: children))
        case "ul", "ol":
            let items = listItems(children, style: style)
            accumulator.appendBlock(name == "ul" ? .bulletList(items) : .orderedList(items))
        case "blockquote":
            accumulator.appendBlock(.blockquote(blocks(of: children, style: style)))
        case "img":
            if let alt = attributes["alt"], !alt.isEmpty { accumulator.appendText(alt, style: style) }
        case "td", "th":
            walk(children, style: style, into: &accumulator)
            accumulator.appendText(" ", style: RichTextStyle())
        case "span" where attributes["data-at-embedded"] != nil || attributes["data-info"] != nil:
            appendEmbed(attributes: attributes, children: children, style: style, into: &accumulator)
        default:
            walk(children, style: Self.style(style, adding: name, attributes: attributes), into: &accumulator)
        }
    }

    private static func style(
        _ style: RichTextStyle,
        adding name: String,
        attributes: [String: String]
    ) -> RichTextStyle {
        var style = style
        switch name {
        case "strong", "b": style.isBold = true
        case "em", "i", "cite", "dfn", "var": style.isItalic = true
        case "code", "kbd", "samp", "tt": style.isCode = true
        case "s", "strike", "del": style.isStrike = true
        case "a":
            if let href = attributes["href"]?.trimmingWhitespace(), LinkPolicy.isSafe(href) { style.link = href }
        default: break
        }
        return style
    }

    private func blocks(of children: [HTMLNode], style: RichTextStyle) -> [RichBlock] {
        var nested = BlockAccumulator(collapsesWhitespace: collapsesWhitespace)
        walk(children, style: style, into: &nested)
        return nested.finish()
    }

    /// The inline content of `children`, with any nested blocks joined by hard breaks.
    private func inlineContent(of children: [HTMLNode], style: RichTextStyle) -> [RichInline] {
        blocks(of: children, style: style).flattenedInlines()
    }

    private func codeBlock(attributes: [String: String], children: [HTMLNode]) -> RichBlock {
        var text = children.map(\.textContent).joined().replacingLineEndings()
        if text.hasPrefix("\n") { text.removeFirst() }
        while text.hasSuffix("\n") { text.removeLast() }
        let codeAttributes = children.compactMap { node -> [String: String]? in
            if case .element("code", let attributes, _) = node { return attributes }
            return nil
        }
        let language = ([attributes] + codeAttributes).lazy.compactMap(Self.language(from:)).first
        return .codeBlock(language: language, text: text)
    }

    private static func language(from attributes: [String: String]) -> String? {
        if let language = attributes["data-language"] ?? attributes["lang"], !language.isEmpty { return language }
        let classes = attributes["class"]?.split(separator: " ") ?? []
        for name in classes {
            for prefix in ["language-", "lang-"] where name.hasPrefix(prefix) && name.count > prefix.count {
                return String(name.dropFirst(prefix.count))
            }
        }
        return nil
    }

    private func listItems(_ children: [HTMLNode], style: RichTextStyle) -> [RichListItem] {
        var items: [RichListItem] = []
        for child in children {
            switch child {
            case .element("li", _, let grandchildren):
                items.append(RichListItem(blocks: blocks(of: grandchildren, style: style)))
            case .element(let name, _, _) where (name == "ul" || name == "ol") && !items.isEmpty:
                items[items.count - 1].blocks.append(contentsOf: blocks(of: [child], style: style))
            default:
                let stray = blocks(of: [child], style: style)
                if !stray.isEmpty { items.append(RichListItem(blocks: stray)) }
            }
        }
        return items
    }

    private func appendEmbed(
        attributes: [String: String],
        children: [HTMLNode],
        style: RichTextStyle,
        into accumulator: inout BlockAccumulator
    ) {
        let embed = GuanceEmbed(attributes: attributes, text: children.map(\.textContent).joined())
        if let mention = embed.mention {
            accumulator.append(mention)
        } else if !embed.text.isEmpty {
            accumulator.appendText(embed.text, style: style)
        }
    }
}
