import Foundation

extension RichDocument {
    /// ``adfDocument(options:)`` cut to fit `limit` with a visible `marker` paragraph.
    ///
    /// Jira Cloud's documentation does not say whether the 32 767 limit applies to the text of an
    /// ADF body or to its JSON. This measures the **serialized JSON** (in `limit.unit`), which is
    /// always the larger of the two, so the body is accepted either way.
    public func adfDocument(
        options: ADFRenderOptions = ADFRenderOptions(),
        fitting limit: TextLimit,
        marker: String = TruncationMarker.fullTextInGuance
    ) -> ADFNode {
        let fitted = truncated(toFit: limit, marker: marker) { $0.adfJSONString(options: options) }
        return (fitted ?? RichDocument()).adfDocument(options: options)
    }

    /// ``jiraWikiMarkup(options:)`` cut to fit `limit` with a visible `marker` paragraph.
    public func jiraWikiMarkup(
        options: WikiRenderOptions = WikiRenderOptions(),
        fitting limit: TextLimit,
        marker: String = TruncationMarker.fullTextInGuance
    ) -> String {
        let fitted = truncated(toFit: limit, marker: marker) { $0.jiraWikiMarkup(options: options) }
        return fitted?.jiraWikiMarkup(options: options) ?? ""
    }

    /// ``plainText()`` cut to fit `limit` (by default a Guance reply) with a visible `marker`.
    public func plainText(
        fitting limit: TextLimit,
        marker: String = TruncationMarker.fullTextInJira
    ) -> String {
        let fitted = truncated(toFit: limit, marker: marker) { $0.plainText() }
        return fitted?.plainText() ?? plainText().truncated(toFit: limit, marker: "")
    }

    /// ``html()`` cut to fit `limit` with a visible `marker` paragraph.
    public func html(fitting limit: TextLimit, marker: String = TruncationMarker.fullTextInJira) -> String {
        let fitted = truncated(toFit: limit, marker: marker) { $0.html() }
        return fitted?.html() ?? ""
    }

    /// The ADF rendering as compact JSON, the text whose length ``adfDocument(options:fitting:marker:)``
    /// measures.
    public func adfJSONString(options: ADFRenderOptions = ADFRenderOptions()) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(adfDocument(options: options)) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    /// The text as a one-line field value (Jira `summary`, Guance `name`): every run of
    /// whitespace, newlines included, becomes one space, the ends are trimmed, and the result is
    /// cut to `limit` with `marker` (Jira rejects a summary containing a newline).
    public func singleLine(fitting limit: TextLimit, marker: String = TruncationMarker.ellipsis) -> String {
        collapsingWhitespace().trimmingWhitespace().truncated(toFit: limit, marker: marker)
    }
}
