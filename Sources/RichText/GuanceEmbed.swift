/// A Guance `@member` / `#channel` embed span, e.g.
/// `<span data-at-embedded="" data-type="@" data-info="{&quot;item&quot;:{&quot;uuid&quot;:&quot;acnt_1&quot;}}">@Mia</span>`.
///
/// The exact `data-info` syntax is undocumented (the docs show `{item:{uuid}}`), so the uuid and
/// name are looked up tolerantly: as JSON, as JavaScript-style object text, or not at all. The
/// display text is what the span shows; when it is empty the name from `data-info` is used.
struct GuanceEmbed {
    /// The span's visible text (trimmed).
    let text: String
    /// The member or channel uuid, when one could be read.
    let uuid: String?
    /// A name found in `data-info`, when present.
    let infoName: String?
    /// `@` or `#` when the kind is known from `data-type` or the text.
    let kind: Character?

    init(attributes: [String: String], text: String) {
        let info = attributes["data-info"] ?? ""
        self.text = text.trimmingWhitespace()
        self.uuid = Self.value(forKey: "uuid", in: info) ?? attributes["data-uuid"] ?? attributes["data-id"]
        self.infoName = Self.value(forKey: "name", in: info) ?? Self.value(forKey: "nickname", in: info)
        let declaredKind = attributes["data-type"]?.trimmingWhitespace().first
        if let first = self.text.first, first == "@" || first == "#" {
            self.kind = first
        } else if declaredKind == "@" || declaredKind == "#" {
            self.kind = declaredKind
        } else if uuid?.hasPrefix("acnt_") == true || uuid?.hasPrefix("group_") == true {
            self.kind = "@"
        } else {
            self.kind = uuid?.hasPrefix("chan_") == true ? "#" : nil
        }
    }

    /// The embed as a mention, when it names a member (`@`); channels and unknown embeds are
    /// rendered as their text instead.
    var mention: RichInline? {
        guard kind == "@" else { return nil }
        var name = text.isEmpty ? (infoName ?? uuid ?? "") : text
        if name.hasPrefix("@") { name.removeFirst() }
        name = name.trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        return .mention(displayName: name, id: uuid)
    }

    /// Finds `key` in JSON-ish object text and returns its scalar value: accepts
    /// `"uuid":"x"`, `uuid:"x"`, `'uuid': 'x'` and `uuid:x`.
    static func value(forKey key: String, in text: String) -> String? {
        var searchStart = text.startIndex
        while let range = text.range(of: key, from: searchStart) {
            searchStart = range.upperBound
            if range.lowerBound > text.startIndex {
                let before = text[text.index(before: range.lowerBound)]
                let isKeyStart = before == "\"" || before == "'" || before == "{" || before == "," || before.isWhitespace
                guard isKeyStart else { continue }
            }
            var cursor = range.upperBound
            skip(in: text, from: &cursor) { $0 == "\"" || $0 == "'" || $0.isWhitespace }
            guard cursor < text.endIndex, text[cursor] == ":" else { continue }
            cursor = text.index(after: cursor)
            skip(in: text, from: &cursor) { $0.isWhitespace }
            guard cursor < text.endIndex else { return nil }
            let quote = text[cursor]
            if quote == "\"" || quote == "'" {
                let start = text.index(after: cursor)
                guard let end = text[start...].firstIndex(of: quote) else { return nil }
                let value = String(text[start..<end])
                return value.isEmpty ? nil : value
            }
            let end = text[cursor...].firstIndex { $0 == "," || $0 == "}" || $0.isWhitespace } ?? text.endIndex
            let value = String(text[cursor..<end])
            return value.isEmpty || value == "{" ? nil : value
        }
        return nil
    }

    private static func skip(in text: String, from cursor: inout String.Index, while predicate: (Character) -> Bool) {
        while cursor < text.endIndex, predicate(text[cursor]) { cursor = text.index(after: cursor) }
    }
}
