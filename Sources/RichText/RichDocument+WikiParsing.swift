extension RichDocument {
    /// Reads Jira wiki markup (REST v2 / Data Center descriptions and comments) into the model.
    ///
    /// Understood: `h1. `…`h6. `, `bq. `, `{quote}`, `{code[:lang]}`, `{noformat}`, `* `/`# `/`- `
    /// lists (nested and mixed), `----`, table rows (cells joined by ` | `), `*bold*`, `_italic_`,
    /// `-strike-`, `{{mono}}`, `[text|url]`, `[url]`, `[~user]` mentions, `\\` line breaks, `\`
    /// escapes and character references. Other macros (`{color}`, `{panel}`, …) are dropped and
    /// keep their content; images (`!file.png!`) are dropped.
    public init(jiraWikiMarkup markup: String) {
        self = RichDocument(blocks: WikiBlockParser.parse(markup)).normalized()
    }
}

/// The line-oriented part of the wiki parser.
struct WikiBlockParser {
    private let lines: [Substring]
    private var index = 0
    private var blocks: [RichBlock] = []
    private var paragraph: [RichInline] = []
    private var listLines: [(markers: String, content: Substring)] = []

    /// The blocks of `markup`.
    static func parse(_ markup: String) -> [RichBlock] {
        var parser = WikiBlockParser(markup: markup)
        return parser.run()
    }

    private init(markup: String) {
        let normalized = markup.replacingLineEndings()
        self.lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private mutating func run() -> [RichBlock] {
        while index < lines.count {
            let line = lines[index]
            let trimmed = Substring(line.trimmingWhitespace())
            index += 1
            if let macro = Self.blockMacroName(trimmed), macro == "code" || macro == "noformat" || macro == "quote" {
                flush()
                readBlockMacro(macro, openingLine: trimmed)
            } else if let (markers, content) = Self.listLine(line) {
                flushParagraph()
                listLines.append((markers, content))
            } else if trimmed.isEmpty {
                flush()
            } else if let level = Self.headingLevel(trimmed) {
                flush()
                let inlines = WikiInlineParser.parse(trimmed.dropFirst(4)).trimmingEdgeWhitespace()
                blocks.append(.heading(level: level, inlines))
            } else if trimmed.hasPrefix("bq. ") {
                flush()
                let inlines = WikiInlineParser.parse(trimmed.dropFirst(4)).trimmingEdgeWhitespace()
                blocks.append(.blockquote([.paragraph(inlines)]))
            } else if trimmed.count >= 4, trimmed.allSatisfy({ $0 == "-" }) {
                flush()
                blocks.append(.rule)
            } else if trimmed.hasPrefix("|") {
                flush()
                blocks.append(.paragraph(Self.tableRow(trimmed)))
            } else {
                flushList()
                if !paragraph.isEmpty { paragraph.append(.hardBreak) }
                paragraph += WikiInlineParser.parse(line)
            }
        }
        flush()
        return blocks
    }

    private mutating func flush() {
        flushParagraph()
        flushList()
    }

    private mutating func flushParagraph() {
        let trimmed = paragraph.trimmingEdgeWhitespace()
        if !trimmed.isEmpty { blocks.append(.paragraph(trimmed)) }
        paragraph = []
    }

    private mutating func flushList() {
        blocks += Self.buildLists(listLines[...], depth: 0)
        listLines = []
    }

    /// Reads a `{code}`, `{noformat}` or `{quote}` block whose opening tag is on `openingLine`.
    private mutating func readBlockMacro(_ name: String, openingLine: Substring) {
        let closing = "{\(name)}"
        let openingEnd = openingLine.firstIndex(of: "}").map(openingLine.index(after:)) ?? openingLine.endIndex
        let header = openingLine[openingLine.startIndex..<openingEnd]
        var bodyLines: [Substring] = []
        var rest = openingLine[openingEnd...]
        while true {
            if let close = rest.firstRange(of: closing) {
                bodyLines.append(rest[..<close.lowerBound])
                break
            }
            bodyLines.append(rest)
            guard index < lines.count else { break }
            rest = lines[index]
            index += 1
        }
        if bodyLines.first?.isEmpty == true { bodyLines.removeFirst() }
        if bodyLines.last?.isEmpty == true { bodyLines.removeLast() }
        let body = bodyLines.joined(separator: "\n")
        if name == "quote" {
            blocks.append(.blockquote(WikiBlockParser.parse(body)))
        } else {
            blocks.append(.codeBlock(language: name == "code" ? Self.codeLanguage(header) : nil, text: body))
        }
    }

    /// `code` for `{code}`, `{code:java}`, `{code:title=x|language=go}`; `nil` if not a macro.
    static func blockMacroName(_ line: Substring) -> String? {
        guard line.hasPrefix("{") else { return nil }
        let name = line.dropFirst().prefix { $0.isLetter }
        guard let after = line.dropFirst(1 + name.count).first, after == "}" || after == ":" else { return nil }
        return name.lowercased()
    }

    private static func codeLanguage(_ header: Substring) -> String? {
        guard let colon = header.firstIndex(of: ":") else { return nil }
        let parameters = header[header.index(after: colon)...].dropLast().split(separator: "|")
        for parameter in parameters {
            if !parameter.contains("=") { return String(parameter).trimmingWhitespace() }
            if parameter.hasPrefix("language=") { return String(parameter.dropFirst(9)).trimmingWhitespace() }
        }
        return nil
    }

    private static func headingLevel(_ line: Substring) -> Int? {
        let characters = Array(line.prefix(4))
        guard characters.count == 4, characters[0] == "h", characters[2] == ".", characters[3] == " ",
            let level = characters[1].wholeNumberValue, (1...6).contains(level) else { return nil }
        return level
    }

    /// The deepest list nesting read as a list; longer marker runs are ordinary text, which
    /// also bounds the recursion of ``buildLists(_:depth:)``.
    static let maximumListDepth = 16

    /// `("*#", "text")` for `*# text`; a lone `-` bullet is accepted too.
    private static func listLine(_ line: Substring) -> (String, Substring)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let markers = trimmed.prefix { $0 == "*" || $0 == "#" }
        if !markers.isEmpty, markers.count <= maximumListDepth {
            let rest = trimmed.dropFirst(markers.count)
            guard let first = rest.first, first == " " || first == "\t" else { return nil }
            return (String(markers), rest.dropFirst())
        }
        if trimmed.hasPrefix("- ") { return ("*", trimmed.dropFirst(2)) }
        return nil
    }

    private static func tableRow(_ line: Substring) -> [RichInline] {
        let cells = line.split(separator: "|").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let parsed = cells.map { WikiInlineParser.parse(Substring($0)).trimmingEdgeWhitespace() }.filter { !$0.isEmpty }
        return Array(parsed.joined(separator: [RichInline.plain(" | ")]))
    }

    /// Builds nested lists from marker-prefixed lines whose markers are at least `depth + 1` long.
    private static func buildLists(
        _ lines: ArraySlice<(markers: String, content: Substring)>,
        depth: Int
    ) -> [RichBlock] {
        var lists: [RichBlock] = []
        var items: [RichListItem] = []
        var ordered = false
        var nested: [(markers: String, content: Substring)] = []
        func finishItem() {
            guard !nested.isEmpty else { return }
            if items.isEmpty { items.append(RichListItem(blocks: [])) }
            items[items.count - 1].blocks += buildLists(nested[...], depth: depth + 1)
            nested = []
        }
        func finishList() {
            finishItem()
            if !items.isEmpty { lists.append(ordered ? .orderedList(items) : .bulletList(items)) }
            items = []
        }
        for line in lines {
            let markers = Array(line.markers)
            guard markers.count > depth + 1 else {
                let isOrdered = markers[min(depth, markers.count - 1)] == "#"
                if isOrdered != ordered { finishList() }
                finishItem()
                ordered = isOrdered
                items.append(RichListItem(WikiInlineParser.parse(line.content).trimmingEdgeWhitespace()))
                continue
            }
            if items.isEmpty, lists.isEmpty { ordered = markers[depth] == "#" }
            nested.append(line)
        }
        finishList()
        return lists
    }
}
