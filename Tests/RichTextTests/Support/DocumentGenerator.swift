@testable import RichText

/// Generates random documents within the subset every format can represent losslessly, so that
/// render → parse must give back the same document.
struct DocumentGenerator {
    /// What the target format can carry.
    struct Capabilities {
        var mentions = true
        var headingsInLists = false
    }

    var random: SeededRandomNumberGenerator
    let capabilities: Capabilities

    /// Words mixing ASCII, markup specials of every format, Chinese, emoji (ZWJ, flags, skin
    /// tones, keycaps) and combining marks; none has leading or trailing whitespace.
    static let words: [String] = [
        "alpha", "Bravo", "42", "x", "中文", "错误日志", "观测云", "😀", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "👍🏽", "1️⃣",
        "é", "e\u{301}", "*star*", "_under_", "-dash-", "{curly}", "[square]", "a|b", "!bang!", "^hat^",
        "~tilde~", "+plus+", "#hash", "??cite??", "back\\slash", "C:\\Users\\x", "&amp;", "&lt;tag&gt;",
        "<b>not</b>", "\"quoted\"", "'single'", ":)", ";)", "(x)", "(on)", "h1.", "bq.", "----", "{code}",
        "{noformat}", "`tick`", "50%", "a&b", "1.", "-", "*", "#",
    ]

    init(seed: UInt64, capabilities: Capabilities = Capabilities()) {
        random = SeededRandomNumberGenerator(seed: seed)
        self.capabilities = capabilities
    }

    mutating func document() -> RichDocument {
        let count = Int.random(in: 1...5, using: &random)
        return RichDocument(blocks: (0..<count).map { _ in block(depth: 0) }).normalized()
    }

    private mutating func block(depth: Int) -> RichBlock {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .heading(level: Int.random(in: 1...6, using: &random), inlines())
        case 1: return codeBlock()
        case 2 where depth < 2: return list(depth: depth)
        case 3 where depth == 0: return .blockquote([.paragraph(inlines())])
        case 4 where depth == 0: return .rule
        default: return .paragraph(inlines())
        }
    }

    private mutating func codeBlock() -> RichBlock {
        let languages: [String?] = [nil, "swift", "python", "java", "json"]
        let lines = (0..<Int.random(in: 1...4, using: &random)).map { _ in
            "    " + words(count: Int.random(in: 1...4, using: &random)).replacing("{noformat}", with: "{nf}").replacing("{code}", with: "{cd}")
        }
        return .codeBlock(language: languages.randomElement(using: &random)!, text: lines.joined(separator: "\n"))
    }

    private mutating func list(depth: Int) -> RichBlock {
        let items = (0..<Int.random(in: 1...3, using: &random)).map { _ -> RichListItem in
            var blocks: [RichBlock] = [.paragraph(inlines())]
            if depth < 2, Int.random(in: 0..<3, using: &random) == 0 { blocks.append(list(depth: depth + 1)) }
            return RichListItem(blocks: blocks)
        }
        return Bool.random(using: &random) ? .bulletList(items) : .orderedList(items)
    }

    /// Runs separated by single spaces, so every mark sits at a word boundary.
    mutating func inlines() -> [RichInline] {
        var result: [RichInline] = []
        for index in 0..<Int.random(in: 1...5, using: &random) {
            if index > 0 {
                if Int.random(in: 0..<6, using: &random) == 0 {
                    result.append(.hardBreak)
                } else {
                    result.append(.plain(" "))
                }
            }
            result.append(inline())
        }
        return result
    }

    private mutating func inline() -> RichInline {
        let text = words(count: Int.random(in: 1...3, using: &random))
        switch Int.random(in: 0..<9, using: &random) {
        case 0 where capabilities.mentions:
            let name = ["mia", "bob_2", "li"].randomElement(using: &random)!
            return .mention(displayName: name, id: name)
        case 1: return .text(text, RichTextStyle(isBold: true))
        case 2: return .text(text, RichTextStyle(isItalic: true))
        case 3: return .text(text, RichTextStyle(isCode: true))
        case 4: return .text(text, RichTextStyle(isStrike: true))
        case 5: return .text(text, RichTextStyle(isBold: true, isItalic: true))
        case 6: return .text(text, RichTextStyle(link: "https://console.guance.com/issue?id=\(text.count)&tab=中文"))
        default: return .plain(text)
        }
    }

    private mutating func words(count: Int) -> String {
        (0..<count).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
    }
}
