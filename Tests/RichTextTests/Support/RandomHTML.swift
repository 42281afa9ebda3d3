/// Random, often malformed, HTML built from the pieces the Guance editor and a careless client
/// could produce.
enum RandomHTML {
    static let pieces: [String] = [
        "<p>", "</p>", "<br>", "<br/>", "<span>", "</span>", "<strong>", "</strong>", "<b>", "<em>", "</i>",
        "<code>", "</code>", "<pre>", "</pre>", "<a href=\"https://x.io\">", "<a href=javascript:x>", "</a>",
        "<ul>", "</ul>", "<ol>", "<li>", "</li>", "<h1>", "<h3>", "</h3>", "<blockquote>", "</blockquote>",
        "<hr>", "<div>", "</div>", "<table><tr><td>", "</td><td>", "&amp;", "&lt;", "&#x1F600;", "&#55357;",
        "&nbsp;", "&", "<", ">", "\"", "<!--", "-->", "<span data-at-embedded data-info=\"{item:{uuid:acnt_1}}\">@王五</span>",
        "<span data-at-embedded>", "text", "中文", " ", "\n", "\n\n", "👨‍👩‍👧‍👦", "🇯🇵", "<img alt=\"pic\">", "<script>x",
        "<p class=\"a\" data-x='y'>", "</", "<a", "=\"", "\\", "*", "{code}", "\t",
    ]

    static func fragment(using random: inout SeededRandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
}
