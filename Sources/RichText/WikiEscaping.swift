/// Escaping of literal text for Jira wiki markup.
///
/// Jira's renderer treats a backslash as "the next character is literal" and `\\` as a line
/// break, so a literal backslash cannot be escaped with another backslash; it is written as the
/// character reference `&#92;` instead (and a literal `&` that would start a reference becomes
/// `&amp;`). Bare `http(s)`/`ftp` URLs are emitted as `[url]` links so that escaping does not
/// break Jira's auto-linking.
enum WikiEscaping {
    /// Characters that start or end wiki markup anywhere in a line.
    private static let alwaysEscaped: Set<Unicode.Scalar> = [
        "*", "_", "{", "}", "[", "]", "|", "!", "^", "~", "+", "-", "#",
    ]
    /// Characters that end a bare URL: they cannot appear unencoded inside `[url]`.
    private static let urlTerminators: Set<Character> = ["<", ">", "\"", "[", "]", "|", "{", "}", "\\"]
    /// Emoticon starters (`:)`, `;)`, `:D`, `:P`) that Jira would turn into images.
    private static let emoticonFollowers: Set<Unicode.Scalar> = [")", "(", "P", "D", "p", "d"]

    /// `text` made literal. `atBlockStart` additionally protects `h1. `…`h6. ` and `bq. `.
    static func escape(_ text: String, atBlockStart: Bool = false) -> String {
        var output = ""
        var remaining = Substring(text)
        while let url = nextURL(in: remaining) {
            output += escapeLiteral(remaining[..<url.lowerBound])
            output += "[\(sanitizedURL(String(remaining[url])))]"
            remaining = remaining[url.upperBound...]
        }
        output += escapeLiteral(remaining)
        if atBlockStart { output = protectingBlockKeyword(output) }
        return output
    }

    /// A link target safe inside `[text|url]`: characters that would end the link are
    /// percent-encoded.
    static func sanitizedURL(_ url: String) -> String {
        url.replacingScalars(urlEscapes)
    }

    private static let urlEscapes: [Unicode.Scalar: String] = [
        "|": "%7C", "[": "%5B", "]": "%5D", " ": "%20", "\n": "", "\r": "", "\t": "",
    ]

    private static func escapeLiteral(_ text: Substring) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\\":
                output.append(contentsOf: "&#92;".unicodeScalars)
            case "&" where startsCharacterReference(scalars, at: index + 1):
                output.append(contentsOf: "&amp;".unicodeScalars)
            case _ where alwaysEscaped.contains(scalar),
                "?" where next == "?",
                ":" where next.map(emoticonFollowers.contains) == true,
                ";" where next == ")",
                "(" where startsParenthesisedEmoticon(scalars, at: index + 1):
                output.append("\\")
                output.append(scalar)
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// `(x)`, `(!)`, `(on)`, `(*r)`: up to three non-space characters and a `)`.
    private static func startsParenthesisedEmoticon(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var index = start
        while index < scalars.count, index - start < 4 {
            if scalars[index] == ")" { return index > start }
            if scalars[index].properties.isWhitespace { return false }
            index += 1
        }
        return false
    }

    private static func startsCharacterReference(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var index = start
        while index < scalars.count, index - start < 32 {
            let scalar = scalars[index]
            if scalar == ";" { return index > start }
            guard scalar == "#" || scalar.isASCIILetter || ("0"..."9").contains(scalar) else { return false }
            index += 1
        }
        return false
    }

    private static func protectingBlockKeyword(_ text: String) -> String {
        for keyword in ["h1.", "h2.", "h3.", "h4.", "h5.", "h6.", "bq."] where text.hasPrefix(keyword) {
            return text.prefix(2) + "\\." + text.dropFirst(3)
        }
        return text
    }

    /// The range of the next bare URL (`http://`, `https://`, `ftp://` up to whitespace, without
    /// trailing punctuation).
    private static func nextURL(in text: Substring) -> Range<Substring.Index>? {
        var searchStart = text.startIndex
        while let found = text[searchStart...].firstRange(of: "://") {
            searchStart = found.upperBound
            var start = found.lowerBound
            while start > text.startIndex, text[text.index(before: start)].isASCIILetterCharacter {
                start = text.index(before: start)
            }
            let scheme = text[start..<found.lowerBound].lowercased()
            guard ["http", "https", "ftp"].contains(scheme) else { continue }
            var end = text[found.upperBound...].firstIndex(where: { $0.isWhitespace || urlTerminators.contains($0) })
                ?? text.endIndex
            while end > found.upperBound, ".,;:!?)'".contains(text[text.index(before: end)]) {
                end = text.index(before: end)
            }
            guard end > found.upperBound else { continue }
            return start..<end
        }
        return nil
    }
}
