/// The inline part of the wiki parser: marks, links, mentions, escapes and line breaks.
enum WikiInlineParser {
    /// Mark characters and the style they set (`+`, `^`, `~` and `??` are recognised but carry
    /// no style in the model, so only their markers disappear).
    private static let markCharacters: Set<Character> = ["*", "_", "-", "+", "^", "~"]
    /// How far a closing mark character is searched for.
    static let searchWindow = 4096

    static func parse(_ text: Substring, style: RichTextStyle = RichTextStyle()) -> [RichInline] {
        var inlines: [RichInline] = []
        var literal = ""
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            inlines.append(.text(HTMLEntities.decode(Array(literal.unicodeScalars)[...]), style))
            literal = ""
        }
        let characters = Array(text)
        let closers = WikiCloserIndex(characters)
        var scannedUntil: [Character: Int] = [:]
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\" {
                if next == "\\" {
                    flushLiteral()
                    inlines.append(.hardBreak)
                    index += 2
                } else {
                    if let next { literal.append(next) }
                    index += 2
                }
                continue
            }
            if character == "{", next == "{", let close = closers.closingBraces(from: index + 2) {
                flushLiteral()
                var code = style
                code.isCode = true
                inlines += parse(Substring(String(characters[(index + 2)..<close])), style: code)
                index = close + 2
                continue
            }
            if character == "{", let close = macroEnd(characters, from: index) {
                index = close + 1
                continue
            }
            if character == "[", let close = closers.closingBracket(from: index + 1) {
                flushLiteral()
                inlines += bracket(characters[(index + 1)..<close], style: style)
                index = close + 1
                continue
            }
            if character == "!", let close = imageEnd(characters, from: index) {
                index = close + 1
                continue
            }
            if let (close, width) = markEnd(characters, from: index, closers: closers, scannedUntil: &scannedUntil) {
                flushLiteral()
                var inner = style
                switch character {
                case "*": inner.isBold = true
                case "_": inner.isItalic = true
                case "-": inner.isStrike = true
                default: break
                }
                inlines += parse(Substring(String(characters[(index + width)..<close])), style: inner)
                index = close + width
                continue
            }
            literal.append(character)
            index += 1
        }
        flushLiteral()
        return inlines
    }

    /// The contents of `[…]`: a mention, a link, an attachment or an issue key.
    private static func bracket(_ content: ArraySlice<Character>, style: RichTextStyle) -> [RichInline] {
        if content.first == "~" {
            let user = String(content.dropFirst())
            return user.isEmpty ? [] : [.mention(displayName: user, id: user)]
        }
        if content.first == "^" { return [.text(String(content.dropFirst()), style)] }
        let characters = Array(content)
        let separator = WikiCloserIndex(characters).pipe(from: 0)
        let target = String(characters[((separator ?? -1) + 1)...]).trimmingWhitespace()
        var linked = style
        if LinkPolicy.isSafe(target) { linked.link = target }
        if let separator {
            return parse(Substring(String(characters[..<separator])), style: linked)
        }
        return [.text(target, linked)]
    }

    /// The index of the `}` closing a macro token such as `{color:red}` or `{panel}`.
    private static func macroEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count, characters[index].isLetter { index += 1 }
        guard index > start + 1, index < characters.count else { return nil }
        if characters[index] == "}" { return index }
        guard characters[index] == ":" else { return nil }
        return characters[index...].firstIndex(of: "}")
    }

    /// The closing `!` of an image such as `!screenshot.png|thumbnail!`.
    private static func imageEnd(_ characters: [Character], from start: Int) -> Int? {
        guard start + 1 < characters.count, !characters[start + 1].isWhitespace,
            let close = characters[(start + 1)...].firstIndex(of: "!") else { return nil }
        let name = characters[(start + 1)..<close]
        guard name.contains("."), !name.contains(where: \.isWhitespace) || name.contains("|") else { return nil }
        return close
    }

    /// For a mark opening at `start`, the index of its closing marker and the marker width.
    /// A mark opens after a non-alphanumeric character, before a non-space, and closes after a
    /// non-space before a non-alphanumeric character (Jira's word-boundary rule). Escaped
    /// characters, links and `{{…}}` spans inside the mark are skipped.
    ///
    /// A failed search records in `scannedUntil` how far it looked: the stretch holds no closer
    /// for that character, so a later opener of the same character resumes after it. Each
    /// character of a line is therefore scanned about once per mark kind, not once per opener.
    private static func markEnd(
        _ characters: [Character],
        from start: Int,
        closers: WikiCloserIndex,
        scannedUntil: inout [Character: Int]
    ) -> (Int, Int)? {
        let character = characters[start]
        let width: Int
        if markCharacters.contains(character) {
            width = 1
        } else if character == "?", start + 1 < characters.count, characters[start + 1] == "?" {
            width = 2
        } else {
            return nil
        }
        if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { return nil }
        guard start + width < characters.count, !characters[start + width].isWhitespace else { return nil }
        var index = max(start + width, scannedUntil[character] ?? 0)
        let end = min(characters.count, start + searchWindow)
        while index + width <= end {
            switch characters[index] {
            case "\\":
                index += 2
                continue
            case "[":
                if let close = closers.closingBracket(from: index + 1) {
                    index = close + 1
                    continue
                }
            case "{" where index + 1 < characters.count && characters[index + 1] == "{":
                if let close = closers.closingBraces(from: index + 2) {
                    index = close + 2
                    continue
                }
            default:
                break
            }
            let matches = characters[index] == character && (width == 1 || characters[index + 1] == character)
            if matches, index > start + width, !characters[index - 1].isWhitespace {
                let after = index + width
                if after == characters.count || !(characters[after].isLetter || characters[after].isNumber) {
                    return (index, width)
                }
            }
            index += 1
        }
        scannedUntil[character] = max(index, end)
        return nil
    }
}

