/// A lexical token of an HTML fragment, as produced by ``HTMLTokenizer``.
enum HTMLToken: Hashable {
    /// An opening tag with its lower-cased name and attributes (names lower-cased, values decoded).
    case startTag(name: String, attributes: [String: String], selfClosing: Bool)
    /// A closing tag with its lower-cased name.
    case endTag(name: String)
    /// Character data with references already decoded.
    case text(String)
}
