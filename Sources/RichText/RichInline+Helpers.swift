extension [RichInline] {
    /// The inlines without whitespace-only text runs at either end.
    func trimmingWhitespaceRuns() -> [RichInline] {
        let isBlank: (RichInline) -> Bool = {
            if case .text(let text, _) = $0 { return text.allSatisfy(\.isWhitespace) }
            return false
        }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return []
        }
        return Array(self[first...last])
    }
}

extension [RichInline] {
    /// The inlines with whitespace removed from the start of the first text run and the end of
    /// the last one.
    func trimmingEdgeWhitespace() -> [RichInline] {
        var result = RichDocument.normalize(self)
        if case .text(let text, let style)? = result.first {
            result[0] = .text(String(text.drop(while: \.isWhitespace)), style)
        }
        if case .text(let text, let style)? = result.last {
            result[result.count - 1] = .text(String(text.reversed().drop(while: \.isWhitespace).reversed()), style)
        }
        return RichDocument.normalize(result)
    }
}

extension RichInline {
    /// The inline with bold added (text runs only).
    var emboldened: RichInline {
        guard case .text(let text, var style) = self else { return self }
        style.isBold = true
        return .text(text, style)
    }
}
