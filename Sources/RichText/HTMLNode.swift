/// A node of the small DOM that ``HTMLTreeBuilder`` builds from ``HTMLToken``s.
indirect enum HTMLNode: Hashable {
    /// An element with its lower-cased name, attributes and children.
    case element(name: String, attributes: [String: String], children: [HTMLNode])
    /// Decoded character data.
    case text(String)

    /// The concatenated text of the node; `<br>` contributes a newline.
    var textContent: String {
        switch self {
        case .text(let text):
            return text
        case .element(let name, _, let children):
            if name == "br" { return "\n" }
            return children.map(\.textContent).joined()
        }
    }
}
