/// A tolerant HTML tokenizer for the fragments rich-text editors write.
///
/// It never fails: a `<` that does not start a well-formed tag is text, an unterminated tag or
/// comment at the end of input becomes text (tag) or is dropped (comment), and the contents of
/// `<script>` and `<style>` are skipped.
struct HTMLTokenizer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var tokens: [HTMLToken] = []
    private var hasNoClosingAngleBracket = false

    /// Tokenizes `html` completely.
    static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(scalars: Array(html.unicodeScalars))
        return tokenizer.run()
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private mutating func run() -> [HTMLToken] {
        var textStart = 0
        while index < scalars.count {
            guard scalars[index] == "<" else {
                index += 1
                continue
            }
            let tagStart = index
            if let token = readMarkup() {
                flushText(from: textStart, to: tagStart)
                if let token { tokens.append(token) }
                textStart = index
                if case .startTag(let name, _, false)? = token, name == "script" || name == "style" {
                    skipRawText(until: name)
                    tokens.append(.endTag(name: name))
                    textStart = index
                }
            } else {
                index = tagStart + 1
            }
        }
        flushText(from: textStart, to: scalars.count)
        return tokens
    }

    private mutating func flushText(from start: Int, to end: Int) {
        guard start < end else { return }
        tokens.append(.text(HTMLEntities.decode(scalars[start..<end])))
    }

    /// Reads the markup at `index` (a `<`). Returns `nil` when it is not markup (the `<` is text),
    /// `.some(nil)` for markup that yields no token (comments, doctypes), or the token.
    private mutating func readMarkup() -> HTMLToken?? {
        let next = index + 1
        guard next < scalars.count else { return nil }
        let scalar = scalars[next]
        if scalar == "!" || scalar == "?" {
            return skipDeclaration()
        }
        if scalar == "/" {
            guard next + 1 < scalars.count, scalars[next + 1].isASCIILetter else { return nil }
            index = next + 1
            guard let name = readName(), readAttributes() != nil else { return nil }
            return .some(.endTag(name: name))
        }
        guard scalar.isASCIILetter else { return nil }
        index = next
        guard let name = readName(), let (attributes, selfClosing) = readAttributes() else { return nil }
        return .some(.startTag(name: name, attributes: attributes, selfClosing: selfClosing))
    }

    private mutating func skipDeclaration() -> HTMLToken?? {
        let isComment = index + 3 < scalars.count && scalars[index + 2] == "-" && scalars[index + 3] == "-"
        if isComment {
            var cursor = index + 4
            while cursor + 2 < scalars.count {
                if scalars[cursor] == "-" && scalars[cursor + 1] == "-" && scalars[cursor + 2] == ">" {
                    index = cursor + 3
                    return .some(nil)
                }
                cursor += 1
            }
            index = scalars.count
            return .some(nil)
        }
        guard !hasNoClosingAngleBracket, let close = scalars[index...].firstIndex(of: ">") else {
            // No `>` follows, so no later `<!` or `<?` can close either: remember that and keep
            // hostile input such as `<!<!<!…` linear.
            hasNoClosingAngleBracket = true
            return nil
        }
        index = close + 1
        return .some(nil)
    }

    private mutating func readName() -> String? {
        let start = index
        while index < scalars.count, scalars[index].isTagNameCharacter { index += 1 }
        guard index > start else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
    }

    /// Reads attributes up to and including `>`; `nil` when the input ends first or a `<` shows
    /// the tag was never closed.
    private mutating func readAttributes() -> ([String: String], Bool)? {
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == ">" {
                index += 1
                return (attributes, selfClosing)
            }
            if scalar == "<" { return nil }
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if scalar == "/" {
                selfClosing = true
                index += 1
                continue
            }
            selfClosing = false
            let nameStart = index
            while index < scalars.count,
                !scalars[index].properties.isWhitespace,
                !"=>/<".unicodeScalars.contains(scalars[index]) {
                index += 1
            }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<index])).lowercased()
            skipWhitespace()
            guard index < scalars.count, scalars[index] == "=" else {
                if !name.isEmpty, attributes[name] == nil { attributes[name] = "" }
                if index == nameStart { index += 1 }
                continue
            }
            index += 1
            skipWhitespace()
            guard let value = readAttributeValue() else { return nil }
            if !name.isEmpty, attributes[name] == nil { attributes[name] = value }
        }
        return nil
    }

    private mutating func readAttributeValue() -> String? {
        guard index < scalars.count else { return nil }
        let quote = scalars[index]
        if quote == "\"" || quote == "'" {
            let start = index + 1
            guard let end = scalars[start...].firstIndex(of: quote) else { return nil }
            index = end + 1
            return HTMLEntities.decode(scalars[start..<end])
        }
        let start = index
        while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != ">" {
            index += 1
        }
        return HTMLEntities.decode(scalars[start..<index])
    }

    private mutating func skipWhitespace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    /// Skips the raw text of `<script>`/`<style>` up to its end tag (or the end of input).
    private mutating func skipRawText(until name: String) {
        let closing = Array("</\(name)".unicodeScalars)
        var cursor = index
        while cursor + closing.count <= scalars.count {
            let candidate = scalars[cursor..<(cursor + closing.count)].map(\.lowercasedASCII)
            if candidate == closing, let close = scalars[cursor...].firstIndex(of: ">") {
                index = close + 1
                return
            }
            cursor += 1
        }
        index = scalars.count
    }
}
