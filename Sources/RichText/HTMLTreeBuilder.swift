/// Builds an ``HTMLNode`` forest from tokens, repairing what browsers repair: void elements
/// never take children, a new `<p>`, `<li>` or heading implicitly closes the open one, stray end
/// tags are ignored and everything still open at the end is closed.
///
/// Nesting is capped at ``maximumDepth``: deeper start tags are ignored (their text is kept), so
/// hostile input cannot exhaust the stack of the recursive converters.
struct HTMLTreeBuilder {
    /// The deepest element nesting kept.
    static let maximumDepth = 64

    /// Elements that never have content.
    static let voidElements: Set<String> = [
        "br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "embed", "source", "track", "param",
    ]
    /// Elements that start a new block and therefore close an open `<p>`.
    static let blockElements: Set<String> = [
        "p", "div", "ul", "ol", "li", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table",
        "section", "article", "header", "footer", "main", "aside", "nav", "figure", "dl", "address", "form",
    ]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    private static let scopeBoundaries: Set<String> = ["ul", "ol", "blockquote", "div", "td", "th", "table"]

    private struct Frame {
        var name: String
        var attributes: [String: String]
        var children: [HTMLNode] = []
    }

    private var stack: [Frame] = [Frame(name: "#root", attributes: [:])]

    /// Builds the forest for `tokens`.
    static func build(_ tokens: [HTMLToken]) -> [HTMLNode] {
        var builder = HTMLTreeBuilder()
        for token in tokens { builder.consume(token) }
        return builder.finish()
    }

    private mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(let text):
            stack[stack.count - 1].children.append(.text(text))
        case .startTag(let name, let attributes, let selfClosing):
            closeImplicitly(before: name)
            if Self.voidElements.contains(name) || selfClosing {
                stack[stack.count - 1].children.append(.element(name: name, attributes: attributes, children: []))
            } else if stack.count <= Self.maximumDepth {
                stack.append(Frame(name: name, attributes: attributes))
            }
        case .endTag(let name):
            guard let position = stack.lastIndex(where: { $0.name == name }), position > 0 else { return }
            popTo(count: position)
        }
    }

    private mutating func closeImplicitly(before name: String) {
        if Self.blockElements.contains(name), let open = openIndex(of: ["p"]) {
            popTo(count: open)
        }
        if name == "li", let open = openIndex(of: ["li"]) {
            popTo(count: open)
        }
        if Self.headings.contains(name), let open = openIndex(of: Self.headings) {
            popTo(count: open)
        }
    }

    /// The stack position of the innermost open element named in `names`, searching no further
    /// out than the nearest list, quote, div or table cell.
    private func openIndex(of names: Set<String>) -> Int? {
        for position in stack.indices.dropFirst().reversed() {
            let name = stack[position].name
            if names.contains(name) { return position }
            if Self.scopeBoundaries.contains(name) { return nil }
        }
        return nil
    }

    /// Closes open elements until only `count` remain.
    private mutating func popTo(count: Int) {
        while stack.count > max(count, 1) {
            let frame = stack.removeLast()
            stack[stack.count - 1].children.append(
                .element(name: frame.name, attributes: frame.attributes, children: frame.children)
            )
        }
    }

    private mutating func finish() -> [HTMLNode] {
        popTo(count: 1)
        return stack[0].children
    }
}
