/// Collects inline content into paragraphs and finished blocks while a parser walks its input.
///
/// Two whitespace modes exist. In *collapsing* mode (HTML with block structure) runs of
/// whitespace become one space and spaces at block edges disappear, as a browser renders them.
/// In *preserving* mode (plain text, and HTML made only of inline tags) a newline is a hard
/// break and a blank line separates paragraphs.
struct BlockAccumulator {
    /// The finished blocks.
    private(set) var blocks: [RichBlock] = []
    /// The inline content of the paragraph being built.
    private(set) var inlines: [RichInline] = []
    /// Whether whitespace is collapsed (see the type's documentation).
    let collapsesWhitespace: Bool

    init(collapsesWhitespace: Bool) {
        self.collapsesWhitespace = collapsesWhitespace
    }

    /// Appends text in `style`, applying the whitespace mode.
    mutating func appendText(_ text: String, style: RichTextStyle) {
        let text = text.replacingLineEndings()
        if collapsesWhitespace {
            var collapsed = text.collapsingWhitespace()
            if collapsed.hasPrefix(" "), endsWithSpaceOrBreak { collapsed.removeFirst() }
            if !collapsed.isEmpty { inlines.append(.text(collapsed, style)) }
            return
        }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { inlines.append(.hardBreak) }
            if !line.isEmpty { inlines.append(.text(String(line), style)) }
        }
    }

    /// Appends a non-text inline (hard break or mention).
    mutating func append(_ inline: RichInline) {
        if inline == .hardBreak { trimTrailingSpace() }
        inlines.append(inline)
    }

    /// Finishes the paragraph being built (if it has content) and appends `block`.
    mutating func appendBlock(_ block: RichBlock) {
        flush()
        blocks.append(block)
    }

    /// Appends already finished blocks.
    mutating func appendBlocks(_ newBlocks: [RichBlock]) {
        flush()
        blocks.append(contentsOf: newBlocks)
    }

    /// Turns the pending inline content into one paragraph, or several when blank lines separate
    /// it in preserving mode.
    mutating func flush() {
        trimTrailingSpace()
        let pending = inlines
        inlines = []
        guard collapsesWhitespace else {
            blocks.append(contentsOf: Self.paragraphsSplitAtBlankLines(pending))
            return
        }
        if !pending.isEmpty { blocks.append(.paragraph(pending)) }
    }

    /// All blocks, after flushing pending content.
    mutating func finish() -> [RichBlock] {
        flush()
        return blocks
    }

    private var endsWithSpaceOrBreak: Bool {
        switch inlines.last {
        case nil, .hardBreak?: return true
        case .text(let text, _)?: return text.hasSuffix(" ")
        case .mention?: return false
        }
    }

    private mutating func trimTrailingSpace() {
        guard collapsesWhitespace, case .text(var text, let style)? = inlines.last, text.hasSuffix(" ") else { return }
        text.removeLast()
        if text.isEmpty { inlines.removeLast() } else { inlines[inlines.count - 1] = .text(text, style) }
    }

    /// Splits at two or more hard breaks separated only by whitespace (a blank line).
    private static func paragraphsSplitAtBlankLines(_ inlines: [RichInline]) -> [RichBlock] {
        var paragraphs: [[RichInline]] = [[]]
        var pendingBreaks: [RichInline] = []
        var breakCount = 0
        for inline in inlines {
            switch inline {
            case .hardBreak:
                breakCount += 1
                pendingBreaks.append(inline)
            case .text(let text, _) where breakCount > 0 && text.allSatisfy(\.isWhitespace):
                pendingBreaks.append(inline)
            default:
                if breakCount >= 2 {
                    paragraphs.append([])
                } else {
                    paragraphs[paragraphs.count - 1].append(contentsOf: pendingBreaks)
                }
                pendingBreaks = []
                breakCount = 0
                paragraphs[paragraphs.count - 1].append(inline)
            }
        }
        return paragraphs.compactMap { inlines in
            let trimmed = inlines.trimmingWhitespaceRuns()
            return trimmed.isEmpty ? nil : .paragraph(trimmed)
        }
    }
}
