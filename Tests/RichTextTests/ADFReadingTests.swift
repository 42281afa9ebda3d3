import Foundation
import Testing
@testable import RichText

@Suite("ADF → model → Guance reply text")
struct ADFReadingTests {
    /// The example document from docs/jira-rest.md §12.
    static let documentedExample = #"""
        {"type":"doc","version":1,"content":[
         {"type":"paragraph","content":[
           {"type":"text","text":"Incident "},
           {"type":"text","text":"7f3a9c","marks":[{"type":"link","attrs":{"href":"https://console.guance.com/x"}}]},
           {"type":"text","text":" on "},{"type":"text","text":"host-a","marks":[{"type":"strong"},{"type":"code"}]},
           {"type":"hardBreak"},
           {"type":"mention","attrs":{"id":"5b10a2844c20165700ede21g","text":"@Mia Krystof","accessLevel":""}}]},
         {"type":"heading","attrs":{"level":3},"content":[{"type":"text","text":"Stack"}]},
         {"type":"codeBlock","attrs":{"language":"python"},"content":[{"type":"text","text":"Traceback …\n  …"}]},
         {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"item"}]}]}]}]}
        """#

    private func decode(_ json: String) throws -> ADFNode {
        try JSONDecoder().decode(ADFNode.self, from: Data(json.utf8))
    }

    @Test("the documented example becomes readable plain text")
    func documentedExample() throws {
        let document = RichDocument(adf: try decode(Self.documentedExample))
        #expect(document.plainText() == """
            Incident 7f3a9c (https://console.guance.com/x) on host-a
            @Mia Krystof

            Stack

            ```python
            Traceback …
              …
            ```

            - item
            """)
    }

    @Test("unknown nodes contribute their text; media are dropped")
    func unknownNodes() throws {
        let json = #"""
            {"type":"doc","version":1,"content":[
             {"type":"panel","attrs":{"panelType":"info"},"content":[{"type":"paragraph","content":[{"type":"text","text":"in panel "},{"type":"emoji","attrs":{"shortName":":smile:","text":"😄"}},{"type":"status","attrs":{"text":"DONE"}}]}]},
             {"type":"mediaSingle","content":[{"type":"media","attrs":{"id":"x","type":"file"}}]},
             {"type":"table","content":[{"type":"tableRow","content":[{"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"k"}]}]},{"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"v"}]}]}]}]},
             {"type":"paragraph","content":[{"type":"inlineCard","attrs":{"url":"https://jira.x/browse/A-1"}},{"type":"futureInline","content":[{"type":"text","text":" later"}]}]},
             {"type":"expand","attrs":{"title":"More"},"content":[{"type":"taskList","content":[{"type":"taskItem","content":[{"type":"text","text":"task"}]}]}]}]}
            """#
        let text = RichDocument(adf: try decode(json)).plainText()
        #expect(text == "in panel 😄DONE\n\nk | v\n\nhttps://jira.x/browse/A-1 later\n\n- task")
    }

    @Test("nested and ordered lists, quotes and rules in plain text")
    func listsInPlainText() {
        let document = RichDocument(blocks: [
            .orderedList([
                RichListItem(blocks: [.paragraph([.plain("one"), .hardBreak, .plain("cont")]), .bulletList([RichListItem([.plain("sub")])])]),
                RichListItem([.plain("two")]),
            ]),
            .blockquote([.paragraph([.plain("q1")]), .paragraph([.plain("q2")])]),
            .rule,
        ])
        #expect(document.plainText() == "1. one\n   cont\n   - sub\n2. two\n\n> q1\n>\n> q2\n\n----")
    }

    @Test("link text equal to its url is written once; adjacent runs of one link share the url")
    func linkText() {
        let url = "https://a.io"
        let document = RichDocument(blocks: [.paragraph([
            .text(url, RichTextStyle(link: url)), .plain(" "),
            .text("see ", RichTextStyle(link: url)), .text("here", RichTextStyle(isBold: true, link: url)),
        ])])
        #expect(document.plainText() == "https://a.io see here (https://a.io)")
    }

    @Test("the HTML rendering escapes text and attributes")
    func htmlRendering() {
        let document = RichDocument(blocks: [
            .paragraph([.text("<b>&\"'", RichTextStyle(isBold: true, link: "https://x.io/?a=1&b=\"2\"")), .mention(displayName: "李", id: nil)]),
            .codeBlock(language: "c\"x", text: "a<b"),
        ])
        #expect(document.html() == #"<p><a href="https://x.io/?a=1&amp;b=&quot;2&quot;"><strong>&lt;b&gt;&amp;&quot;&#39;</strong></a>@李</p><pre><code class="language-c&quot;x">a&lt;b</code></pre>"#)
    }
}
