import Testing
@testable import RichText

@Suite("Guance HTML → model")
struct GuanceHTMLInputTests {
    private let bold = RichTextStyle(isBold: true)

    @Test("paragraphs, line breaks and inline marks")
    func paragraphsAndMarks() {
        let document = RichDocument(guanceHTML: "<p>Hello <strong>bold</strong> <em>it</em> <code>x&lt;y</code><br>next</p><p><b>B</b><i>I</i><s>S</s></p>")
        #expect(document.blocks == [
            .paragraph([
                .plain("Hello "), .text("bold", bold), .plain(" "), .text("it", RichTextStyle(isItalic: true)),
                .plain(" "), .text("x<y", RichTextStyle(isCode: true)), .hardBreak, .plain("next"),
            ]),
            .paragraph([.text("B", bold), .text("I", RichTextStyle(isItalic: true)), .text("S", RichTextStyle(isStrike: true))]),
        ])
    }

    @Test("entities: named, decimal, hexadecimal, astral, invalid and unknown")
    func entities() {
        let document = RichDocument(guanceHTML: "<p>&amp; &lt;&gt; a&nbsp;b &#20013;&#x6587; &#x1F600; &#0; &bogus; &amp</p>")
        #expect(document.plainText() == "& <> a b 中文 😀 \u{FFFD} &bogus; &amp")
    }

    @Test("links keep safe targets only")
    func links() {
        let document = RichDocument(guanceHTML: #"<p><a href="https://x.io/a?b=1&amp;c=2">site</a> <a href="javascript:alert(1)">bad</a> <a href="/relative">rel</a></p>"#)
        #expect(document.blocks == [.paragraph([
            .text("site", RichTextStyle(link: "https://x.io/a?b=1&c=2")), .plain(" bad rel"),
        ])])
    }

    @Test("mention spans keep the display name and read the uuid from data-info", arguments: [
        #"<span data-at-embedded="" data-type="@" data-info="{&quot;item&quot;:{&quot;uuid&quot;:&quot;acnt_9f&quot;}}">@张三</span>"#,
        #"<span data-at-embedded data-info="{item:{uuid:acnt_9f}}">@张三</span>"#,
        #"<span data-at-embedded data-info='{"item": {"name": "x", "uuid": "acnt_9f"}}'> @张三 </span>"#,
    ])
    func mentionSpans(html: String) {
        let document = RichDocument(guanceHTML: "<p>ping " + html + " please</p>")
        #expect(document.blocks == [.paragraph([.plain("ping "), .mention(displayName: "张三", id: "acnt_9f"), .plain(" please")])])
    }

    @Test("mention spans degrade gracefully")
    func mentionDegradation() {
        let noInfo = RichDocument(guanceHTML: "<p><span data-at-embedded>@Mia</span></p>")
        #expect(noInfo.blocks == [.paragraph([.mention(displayName: "Mia", id: nil)])])
        let emptyText = RichDocument(guanceHTML: #"<p><span data-at-embedded data-info='{"item":{"uuid":"acnt_1","name":"Bob"}}'></span></p>"#)
        #expect(emptyText.blocks == [.paragraph([.mention(displayName: "Bob", id: "acnt_1")])])
        let channel = RichDocument(guanceHTML: #"<p><span data-at-embedded data-info="{item:{uuid:chan_1}}">#ops</span></p>"#)
        #expect(channel.blocks == [.paragraph([.plain("#ops")])])
        let garbage = RichDocument(guanceHTML: #"<p><span data-at-embedded data-info="{{{:">@Ann</span></p>"#)
        #expect(garbage.blocks == [.paragraph([.mention(displayName: "Ann", id: nil)])])
    }

    @Test("nested lists, headings, quotes, rules and code blocks")
    func structure() {
        let html = """
            <h2>Stack</h2><ul><li>one<ul><li>one.a</li></ul></li><li><p>two</p></li></ul>
            <ol><li>first</li></ol><blockquote><p>quoted</p></blockquote><hr>
            <pre><code class="language-python">if a &lt; b:
                print("&amp;")</code></pre>
            """
        let document = RichDocument(guanceHTML: html)
        #expect(document.blocks == [
            .heading(level: 2, [.plain("Stack")]),
            .bulletList([
                RichListItem(blocks: [.paragraph([.plain("one")]), .bulletList([RichListItem([.plain("one.a")])])]),
                RichListItem([.plain("two")]),
            ]),
            .orderedList([RichListItem([.plain("first")])]),
            .blockquote([.paragraph([.plain("quoted")])]),
            .rule,
            .codeBlock(language: "python", text: "if a < b:\n    print(\"&\")"),
        ])
    }

    @Test("malformed HTML never crashes and keeps the text", arguments: [
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("a < b and c<d", "a < b and c<d"),
        ("<p>x</div></span></p></p>y", "x\n\ny"),
        ("<ul><li>a<li>b</ul>", "- a\n- b"),
        ("<p>one<p>two", "one\n\ntwo"),
        ("<p>tag never closes <a href=\"x", "tag never closes <a href=\"x"),
        ("<p>ok</p><!-- comment never ends", "ok"),
        ("<script>alert(1)</script><style>p{}</style><p>safe</p>", "safe"),
        ("<p>unknown <blink>tag</blink> <custom-el a=1>kept</custom-el></p>", "unknown tag kept"),
        ("<", "<"),
        ("<>", "<>"),
        ("</>", "</>"),
    ])
    func malformed(html: String, expected: String) {
        #expect(RichDocument(guanceHTML: html).plainText() == expected)
    }

    @Test("whitespace collapses like a browser when the HTML has block structure")
    func whitespaceCollapsing() {
        let document = RichDocument(guanceHTML: "<div>\n  a \n\n  b  </div>\n<p> c <br> d </p>")
        #expect(document.plainText() == "a b\n\nc\nd")
    }

    @Test("inline-only HTML keeps its newlines (pre-wrapped editor text)")
    func preWrappedInlineHTML() {
        let document = RichDocument(guanceHTML: "<span>line 1\nline 2\n\npara 2 <span data-at-embedded>@Li</span></span>")
        #expect(document.blocks == [
            .paragraph([.plain("line 1"), .hardBreak, .plain("line 2")]),
            .paragraph([.plain("para 2 "), .mention(displayName: "Li", id: nil)]),
        ])
    }

    @Test("descriptions are treated as HTML only when they contain a known tag", arguments: [
        ("<p>x</p>", true), ("<span>x</span>", true), ("a<br/>b", true),
        ("List<String> is generic", false), ("a < b > c", false), ("1 <2", false), ("plain", false),
    ])
    func htmlDetection(text: String, isHTML: Bool) {
        #expect(RichDocument.looksLikeHTML(text) == isHTML)
    }

    @Test("Chinese, emoji sequences and flags pass through unchanged")
    func unicode() {
        let text = "告警 👨‍👩‍👧‍👦 🇨🇳🇺🇸 🏳️‍🌈 e\u{301} 1️⃣"
        #expect(RichDocument(guanceHTML: "<p>\(text)</p>").plainText() == text)
        #expect(RichDocument(guanceDescription: text).plainText() == text)
    }
}

@Suite("Guance input helpers")
struct GuanceInputHelperTests {
    @Test("extend.text is used only when the description has no visible content", arguments: [
        (String?.none, String?.some("from extend"), "from extend"),
        ("<p> </p>", "from extend", "from extend"),
        ("<p>from description</p>", "from extend", "from description"),
        ("", nil, ""),
    ])
    func extendTextFallback(description: String?, extendText: String?, expected: String) {
        #expect(RichDocument(guanceDescription: description, extendText: extendText).plainText() == expected)
    }

    @Test("mention ids are collected in order without duplicates, from every block")
    func mentionIDs() {
        let html = """
            <p><span data-at-embedded data-info="{item:{uuid:acnt_2}}">@B</span> \
            <span data-at-embedded data-info="{item:{uuid:acnt_1}}">@A</span></p>\
            <ul><li><span data-at-embedded data-info="{item:{uuid:acnt_2}}">@B</span> \
            <span data-at-embedded>@NoID</span></li></ul>\
            <blockquote><p><span data-at-embedded data-info="{item:{uuid:acnt_3}}">@C</span></p></blockquote>
            """
        #expect(RichDocument(guanceHTML: html).mentionIDs == ["acnt_2", "acnt_1", "acnt_3"])
    }

    @Test("control characters that Jira's database rejects are replaced")
    func controlCharacters() {
        let document = RichDocument(plainText: "nul\u{0}bell\u{7}del\u{7F}\ttab")
        #expect(document.plainText() == "nul\u{FFFD}bell\u{FFFD}del\u{FFFD}\ttab")
        let code = RichDocument(blocks: [.codeBlock(language: nil, text: "a\u{1B}[31m")]).normalized()
        #expect(code.blocks == [.codeBlock(language: nil, text: "a\u{FFFD}[31m")])
    }
}
