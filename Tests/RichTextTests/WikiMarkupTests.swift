import Testing
@testable import RichText

@Suite("Model ⇄ Jira wiki markup")
struct WikiMarkupTests {
    @Test("marks, links, mentions and line breaks")
    func inlineMarkup() {
        let document = RichDocument(blocks: [.paragraph([
            .text("bold", RichTextStyle(isBold: true)), .plain(" "), .text("it", RichTextStyle(isItalic: true)), .plain(" "),
            .text("mono", RichTextStyle(isCode: true)), .plain(" "), .text("gone", RichTextStyle(isStrike: true)), .plain(" "),
            .text("site", RichTextStyle(link: "https://x.io/a|b]")), .hardBreak,
            .mention(displayName: "Mia", id: "acnt_1"), .plain(" "), .mention(displayName: "Bob", id: "acnt_2"),
        ])])
        let markup = document.jiraWikiMarkup(options: WikiRenderOptions(mentionUserNames: ["acnt_1": "mia.k"]))
        #expect(markup == #"*bold* _it_ {{mono}} -gone- [site|https://x.io/a%7Cb%5D]\\[~mia.k] @Bob"#)
    }

    @Test("wiki specials in plain text are escaped", arguments: [
        ("*a* _b_ -c- +d+ ^e^ ~f~", #"\*a\* \_b\_ \-c\- \+d\+ \^e\^ \~f\~"#),
        ("{code} [x|y] !img.png! #1", ##"\{code\} \[x\|y\] \!img.png\! \#1"##),
        (#"C:\Users\x"#, "C:&#92;Users&#92;x"),
        ("&lt; & a&b", "&amp;lt; & a&b"),
        (":) ;) (x) (on) (not emoticon) ??cite??", #"\:) \;) \(x) \(on) (not emoticon) \??cite\??"#),
        ("h1. not a heading", #"h1\. not a heading"#),
        ("bq. not a quote", #"bq\. not a quote"#),
        ("see https://a-b.io/x_y?q=1. ok", "see [https://a-b.io/x_y?q=1]. ok"),
        ("中文 😀 🇨🇳", "中文 😀 🇨🇳"),
    ])
    func escaping(text: String, expected: String) {
        #expect(RichDocument(plainText: text).jiraWikiMarkup() == expected)
    }

    @Test("escaped text reads back as the same plain text")
    func escapingRoundTrip() {
        for word in DocumentGenerator.words {
            let text = "x " + word + " y"
            #expect(RichDocument(jiraWikiMarkup: RichDocument(plainText: text).jiraWikiMarkup()).plainText() == text)
        }
    }

    @Test("blocks: headings, code, lists, quotes and rules")
    func blocks() {
        let document = RichDocument(blocks: [
            .heading(level: 3, [.plain("Stack")]),
            .codeBlock(language: "Python", text: "def f():\n    return {'a': [1]}"),
            .codeBlock(language: "brainfuck", text: "+[>]"),
            .codeBlock(language: nil, text: "literal {code} inside"),
            .bulletList([
                RichListItem(blocks: [.paragraph([.plain("one")]), .orderedList([RichListItem([.plain("1a")]), RichListItem([.plain("1b")])])]),
                RichListItem(blocks: [.paragraph([.plain("two")]), .codeBlock(language: nil, text: "x\ny")]),
            ]),
            .blockquote([.paragraph([.plain("short")])]),
            .blockquote([.paragraph([.plain("p1")]), .paragraph([.plain("p2")])]),
            .rule,
        ])
        #expect(document.jiraWikiMarkup() == """
            h3. Stack

            {code:python}
            def f():
                return {'a': [1]}
            {code}

            {code}
            +[>]
            {code}

            {noformat}
            literal {code} inside
            {noformat}

            * one
            *# 1a
            *# 1b
            * two\\\\{{x}}\\\\{{y}}

            bq. short

            {quote}
            p1

            p2
            {quote}

            ----
            """)
    }

    @Test("Jira-written markup reads into the model")
    func parsing() {
        let markup = """
            h2. Summary
            Some *bold* and _italic_ text with {{code()}} and a [link|https://x.io] and [https://y.io].
            Second line by [~jsmith]\\\\forced break {color:red}red{color}.

            * a
            ** a.1
            *# a.1.1
            # fresh ordered
            - dash bullet

            {code:title=Example.java|language=java}
            class A {}
            {code}
            {noformat}raw *not bold*{noformat}
            bq. quoted *x*
            ||k||v||
            |1|2|
            ----
            !screenshot.png|thumbnail! after image
            """
        let document = RichDocument(jiraWikiMarkup: markup)
        #expect(document.plainText() == """
            Summary

            Some bold and italic text with code() and a link (https://x.io) and https://y.io.
            Second line by @jsmith
            forced break red.

            - a
              - a.1
              1. a.1.1

            1. fresh ordered

            - dash bullet

            ```java
            class A {}
            ```

            ```
            raw *not bold*
            ```

            > quoted x

            k | v

            1 | 2

            ----

            after image
            """)
    }

    @Test("marks need word boundaries, as in Jira")
    func wordBoundaries() {
        let document = RichDocument(jiraWikiMarkup: "snake_case_name a*b*c 2024-01-02 -x- - not strike -")
        #expect(document.blocks == [.paragraph([
            .plain("snake_case_name a*b*c 2024-01-02 "), .text("x", RichTextStyle(isStrike: true)), .plain(" - not strike -"),
        ])])
    }

    @Test("unterminated constructs degrade to text", arguments: [
        ("{code}never closed\nmore", "```\nnever closed\nmore\n```"),
        ("[unclosed link", "[unclosed link"),
        ("*unclosed bold", "*unclosed bold"),
        ("{{unclosed mono", "{{unclosed mono"),
        ("trailing backslash \\", "trailing backslash"),
    ])
    func unterminated(markup: String, expected: String) {
        #expect(RichDocument(jiraWikiMarkup: markup).plainText() == expected)
    }
}
