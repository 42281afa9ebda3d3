/// Decoding of HTML character references (`&amp;`, `&#39;`, `&#x1F600;`) in text and attribute values.
enum HTMLEntities {
    /// The named references the Guance editor and common rich-text editors emit.
    /// `&nbsp;` decodes to an ordinary space: neither Jira nor a plain-text reply benefits from U+00A0.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "ensp": " ", "emsp": " ", "thinsp": " ", "copy": "©", "reg": "®", "trade": "™",
        "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "middot": "·",
        "bull": "•", "times": "×", "divide": "÷", "deg": "°", "plusmn": "±",
        "euro": "€", "yen": "¥", "pound": "£", "cent": "¢", "sect": "§", "para": "¶",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "le": "≤", "ge": "≥", "ne": "≠",
    ]

    /// Decodes every character reference in `scalars[range]`. Unknown or malformed references
    /// (no `;`, unknown name, out-of-range number) are kept literally; a numeric reference to
    /// NUL, a surrogate or a value above U+10FFFF becomes U+FFFD, as browsers do.
    static func decode(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var output = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "&", let (decoded, next) = reference(in: scalars, at: index) {
                output.append(contentsOf: decoded.unicodeScalars)
                index = next
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    /// Decodes the character reference starting at `start` (which holds `&`), returning the
    /// replacement text and the index after the `;`, or `nil` when it is not a valid reference.
    private static func reference(
        in scalars: ArraySlice<Unicode.Scalar>,
        at start: Int
    ) -> (String, Int)? {
        let maximumLength = 32
        var end = start + 1
        while end < scalars.endIndex, end - start <= maximumLength, scalars[end] != ";" {
            let scalar = scalars[end]
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "#" else {
                return nil
            }
            end += 1
        }
        guard end < scalars.endIndex, scalars[end] == ";", end > start + 1 else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        if body.hasPrefix("#") {
            return numericReference(String(body.dropFirst())).map { ($0, end + 1) }
        }
        return named[body].map { ($0, end + 1) }
    }

    private static func numericReference(_ digits: String) -> String? {
        let parsed: UInt32?
        if digits.hasPrefix("x") || digits.hasPrefix("X") {
            parsed = UInt32(digits.dropFirst(), radix: 16)
        } else {
            parsed = UInt32(digits, radix: 10)
        }
        guard let value = parsed else { return nil }
        guard value != 0, let scalar = Unicode.Scalar(value) else {
            return "\u{FFFD}"
        }
        return String(Character(scalar))
    }
}
