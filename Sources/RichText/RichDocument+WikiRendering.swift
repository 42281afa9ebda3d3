extension RichDocument {
    /// The document as Jira wiki markup (REST v2 / Data Center): `h1. `…`h6. `, `*bold*`,
    /// `_italic_`, `-strike-`, `{{mono}}`, `[text|url]`, `{code:lang}…{code}`, `* `/`# ` lists
    /// (nested as `**`, `#*`, …), `bq. ` or `{quote}`, `----`, `\\` line breaks, and every
    /// literal character that Jira would read as markup escaped. A literal backslash is written as
    /// `&#92;` (Jira reads `\\` as a line break) and bare URLs as `[url]`.
    ///
    /// Known limitation: Jira only renders `*bold*` and friends at word boundaries, so a mark
    /// that starts or ends inside a word may show its markers.
    public func jiraWikiMarkup(options: WikiRenderOptions = WikiRenderOptions()) -> String {
        WikiRenderer(options: options).blocks(normalized().blocks)
    }
}

/// Renders the model as Jira wiki markup.
struct WikiRenderer {
    /// Languages Jira's `{code}` macro knows; others fall back to a plain `{code}` block, since
    /// Data Center shows an error panel for an unknown language.
    static let codeLanguages: Set<String> = [
        "actionscript", "ada", "applescript", "bash", "c", "c#", "c++", "cpp", "css", "erlang", "go", "groovy",
        "haskell", "html", "java", "javascript", "js", "json", "lua", "none", "nyan", "objc", "perl", "php",
        "python", "r", "rainbow", "ruby", "scala", "sh", "sql", "swift", "visualbasic", "xml", "yaml",
    ]
    private static let languageAliases: [String: String] = [
        "shell": "bash", "zsh": "bash", "golang": "go", "py": "python", "yml": "yaml", "csharp": "c#",
        "objective-c": "objc", "rb": "ruby", "javascriptreact": "javascript", "node": "javascript",
    ]

    let options: WikiRenderOptions

    func blocks(_ blocks: [RichBlock]) -> String {
        blocks.map(block).joined(separator: "\n\n")
    }

    private func block(_ block: RichBlock) -> String {
        switch block {
        case .paragraph(let inlines):
            return inline(inlines, atBlockStart: true)
        case .heading(let level, let inlines):
            return "h\(level). " + inline(inlines)
        case .codeBlock(let language, let text):
            return codeBlock(language: language, text: text)
        case .bulletList, .orderedList:
            return listLines(block, prefix: "").joined(separator: "\n")
        case .blockquote(let children):
            let flattened = Self.flattenQuotes(children)
            if flattened.count == 1, case .paragraph(let inlines) = flattened[0] {
                return "bq. " + inline(inlines)
            }
            return "{quote}\n\(blocks(flattened))\n{quote}"
        case .rule:
            return "----"
        }
    }

    /// The content of a `{quote}`: a nested quote of one paragraph stays (as `bq. `), any other
    /// nested quote is merged into its parent because `{quote}` cannot nest.
    private static func flattenQuotes(_ blocks: [RichBlock]) -> [RichBlock] {
        blocks.flatMap { block -> [RichBlock] in
            guard case .blockquote(let nested) = block else { return [block] }
            if nested.count == 1, case .paragraph = nested[0] { return [block] }
            return flattenQuotes(nested)
        }
    }

    private func codeBlock(language: String?, text: String) -> String {
        let lowered = language?.lowercased()
        let known = lowered.flatMap { Self.languageAliases[$0] ?? (Self.codeLanguages.contains($0) ? $0 : nil) }
        if !text.contains("{code}") {
            return "{code\(known.map { ":" + $0 } ?? "")}\n\(text)\n{code}"
        }
        if !text.contains("{noformat}") {
            return "{noformat}\n\(text)\n{noformat}"
        }
        // Both closing tags occur literally, and wiki markup has no way to escape inside a code
        // block: a zero-width space after the brace keeps `{code}` from ending the block early.
        let safe = text.replacing("{code}", with: "{\u{200B}code}")
        return "{code\(known.map { ":" + $0 } ?? "")}\n\(safe)\n{code}"
    }

    /// One line per list item: the item's own content (blocks other than lists, joined by
    /// `\\`) after the accumulated markers, then the nested lists with longer markers.
    private func listLines(_ list: RichBlock, prefix: String) -> [String] {
        let (items, marker): ([RichListItem], String)
        switch list {
        case .bulletList(let bullets): (items, marker) = (bullets, "*")
        case .orderedList(let numbered): (items, marker) = (numbered, "#")
        default: return []
        }
        return items.flatMap { item -> [String] in
            let markers = prefix + marker
            let ownBlocks = item.blocks.filter { !$0.isList }
            var lines = [markers + " " + inline(ownBlocks.flattenedInlines())]
            for nested in item.blocks where nested.isList {
                lines += listLines(nested, prefix: markers)
            }
            return lines
        }
    }

    /// Inline content. Consecutive runs with one link share a single `[…|url]`.
    func inline(_ inlines: [RichInline], atBlockStart: Bool = false) -> String {
        var output = ""
        var index = inlines.startIndex
        while index < inlines.endIndex {
            let isFirst = index == inlines.startIndex && atBlockStart
            switch inlines[index] {
            case .hardBreak:
                output += "\\\\"
                index += 1
            case .mention(let name, let id):
                if let id, let user = options.mentionUserNames[id] {
                    output += "[~\(WikiEscaping.sanitizedURL(user))]"
                } else {
                    output += WikiEscaping.escape("@" + name)
                }
                index += 1
            case .text(let text, let style):
                guard let link = style.link else {
                    let nextCharacter = Self.firstCharacter(of: inlines[(index + 1)...])
                    let touchesPrevious = output.last.map(Self.isWordCharacter) == true
                        && text.first?.isWhitespace == false
                    let touchesNext = nextCharacter.map(Self.isWordCharacter) == true && text.last?.isWhitespace == false
                    let marksAllowed = !touchesPrevious && !touchesNext
                    output += styled(inlines[index], atBlockStart: isFirst, marksAllowed: marksAllowed)
                    index += 1
                    continue
                }
                var end = index
                while end < inlines.endIndex, case .text(_, let next) = inlines[end], next.link == link { end += 1 }
                let runs = inlines[index..<end]
                let label = runs.map { styled($0, atBlockStart: false, insideLink: true) }.joined()
                let plainLabel = runs.compactMap { if case .text(let text, _) = $0 { text } else { nil } }.joined()
                let target = WikiEscaping.sanitizedURL(link)
                output += plainLabel == link && target == link ? "[\(target)]" : "[\(label)|\(target)]"
                index = end
            }
        }
        return output
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// The first character the inlines will render, when it is known to be plain text.
    private static func firstCharacter(of inlines: ArraySlice<RichInline>) -> Character? {
        guard case .text(let text, _)? = inlines.first else { return nil }
        return text.first
    }

    /// A text run with its marks; whitespace at either end stays outside the markers so that
    /// Jira recognises them. When the run touches a letter or digit of its neighbour, Jira would
    /// not recognise `*`, `_` or `-` markers, so those marks are dropped and only the text kept.
    private func styled(
        _ inline: RichInline,
        atBlockStart: Bool,
        insideLink: Bool = false,
        marksAllowed: Bool = true
    ) -> String {
        guard case .text(let text, var style) = inline else { return "" }
        if !marksAllowed {
            style.isBold = false
            style.isItalic = false
            style.isStrike = false
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { offset, line in
            styledLine(String(line), style: style, atBlockStart: atBlockStart && offset == 0, insideLink: insideLink)
        }.joined(separator: "\\\\")
    }

    private func styledLine(_ text: String, style: RichTextStyle, atBlockStart: Bool, insideLink: Bool) -> String {
        let core = text.trimmingWhitespace()
        guard !core.isEmpty else { return text }
        let leading = String(text.prefix { $0.isWhitespace })
        let trailing = String(text.reversed().prefix { $0.isWhitespace }.reversed())
        var body = insideLink
            ? Self.escapeLinkLabel(core)
            : WikiEscaping.escape(core, atBlockStart: atBlockStart && leading.isEmpty)
        if style.isCode { body = "{{\(body)}}" }
        if style.isStrike { body = "-\(body)-" }
        if style.isItalic { body = "_\(body)_" }
        if style.isBold { body = "*\(body)*" }
        return leading + body + trailing
    }

    /// Link labels are escaped like text, but bare URLs inside them must not become nested links.
    private static func escapeLinkLabel(_ text: String) -> String {
        WikiEscaping.escape(text.replacing("://", with: ":\u{200B}//"))
            .replacing(":\u{200B}//", with: "://")
    }
}
