extension StringProtocol {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// The string with `\r\n` and lone `\r` turned into `\n`.
    func replacingLineEndings() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        return replacing("\r\n", with: "\n").replacing("\r", with: "\n")
    }

    /// The string with every run of whitespace (including newlines) replaced by one space.
    func collapsingWhitespace() -> String {
        var result = ""
        var previousWasSpace = false
        for character in self {
            if character.isWhitespace {
                if !previousWasSpace { result.append(" ") }
                previousWasSpace = true
            } else {
                result.append(character)
                previousWasSpace = false
            }
        }
        return result
    }

    /// The string with every scalar found in `replacements` replaced by its value.
    func replacingScalars(_ replacements: [Unicode.Scalar: String]) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let replacement = replacements[scalar] {
                result += replacement
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The first range of `needle` at or after `start` (plain character comparison).
    func range(of needle: String, from start: Index) -> Range<Index>? {
        self[start...].firstRange(of: needle)
    }

    /// The string with C0 control characters other than tab, newline and carriage return, and
    /// DEL, replaced by U+FFFD.
    func replacingControlCharacters() -> String {
        let isControl: (Unicode.Scalar) -> Bool = {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F
        }
        guard unicodeScalars.contains(where: isControl) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
    }
}
