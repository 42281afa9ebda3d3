extension RichDocument {
    /// Parses a Guance issue description, which is HTML when the Guance UI wrote it and plain
    /// text when an API client or a monitor did.
    ///
    /// The text is treated as HTML only when it contains a tag this module understands (`<p>`,
    /// `<span>`, `<br>`, …); text such as `List<String>` or `a < b` stays plain text.
    public init(guanceDescription description: String) {
        if Self.looksLikeHTML(description) {
            self.init(guanceHTML: description)
        } else {
            self.init(plainText: description)
        }
    }

    /// Parses a Guance issue, preferring its HTML/plain `description` and falling back to
    /// `extend.text` (the plain-text copy some writers fill instead) when the description has no
    /// visible content.
    public init(guanceDescription description: String?, extendText: String?) {
        let fromDescription = RichDocument(guanceDescription: description ?? "")
        if fromDescription.isEmpty, let extendText {
            self.init(plainText: extendText)
        } else {
            self = fromDescription
        }
    }

    /// Parses a Guance HTML fragment. Never fails: malformed markup is repaired as a browser
    /// would, unknown tags contribute their text, `<script>`/`<style>` content is skipped, and
    /// mention spans (`<span data-at-embedded … data-info="{item:{uuid}}">@Name</span>`) become
    /// mentions carrying the uuid when it can be read. When the fragment has no block-level tag
    /// and no `<br>`, its newlines count as line breaks (pre-wrapped editor text).
    public init(guanceHTML html: String) {
        self = GuanceHTMLConverter.convert(html)
    }

    /// Parses plain text: blank lines separate paragraphs and every other newline is a hard
    /// break. No character is interpreted as markup.
    public init(plainText text: String) {
        var accumulator = BlockAccumulator(collapsesWhitespace: false)
        accumulator.appendText(text, style: RichTextStyle())
        self = RichDocument(blocks: accumulator.finish()).normalized()
    }

    private static let knownTags: Set<String> = HTMLTreeBuilder.blockElements.union([
        "br", "span", "strong", "b", "em", "i", "code", "a", "s", "strike", "del", "u", "img", "font", "sub", "sup",
    ])

    /// `true` when `text` contains at least one start or end tag with a known name.
    static func looksLikeHTML(_ text: String) -> Bool {
        guard text.contains("<") else { return false }
        return HTMLTokenizer.tokenize(text).contains { token in
            switch token {
            case .startTag(let name, _, _), .endTag(let name): return knownTags.contains(name)
            case .text: return false
            }
        }
    }
}
