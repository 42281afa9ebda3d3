import Foundation
import Testing
@testable import RichText

@Suite("Model → ADF")
struct ADFRenderingTests {
    private func json(_ node: ADFNode) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(node), as: UTF8.self)
    }

    @Test("a paragraph with marks, a link, a hard break and an unmapped mention")
    func paragraph() throws {
        let document = RichDocument(blocks: [.paragraph([
            .plain("Incident "), .text("7f3a", RichTextStyle(link: "https://g.io/x")), .plain(" on "),
            .text("host-a", RichTextStyle(isBold: true, isCode: true)), .hardBreak, .mention(displayName: "Mia", id: "acnt_1"),
        ])])
        let expected = #"{"content":[{"content":[{"text":"Incident ","type":"text"},{"marks":[{"attrs":{"href":"https://g.io/x"},"type":"link"}],"text":"7f3a","type":"text"},{"text":" on ","type":"text"},{"marks":[{"type":"code"}],"text":"host-a","type":"text"},{"type":"hardBreak"},{"text":"@Mia","type":"text"}],"type":"paragraph"}],"type":"doc","version":1}"#
        #expect(try json(document.adfDocument()) == expected)
    }

    @Test("a mapped mention becomes a mention node with the Jira accountId")
    func mappedMention() {
        let document = RichDocument(blocks: [.paragraph([.mention(displayName: "Mia", id: "acnt_1")])])
        let adf = document.adfDocument(options: ADFRenderOptions(mentionAccountIDs: ["acnt_1": "5b10a284"]))
        let mention = adf.content?.first?.content?.first
        #expect(mention?.type == "mention")
        #expect(mention?.attrs?["id"] == .string("5b10a284"))
        #expect(mention?.attrs?["text"] == .string("@Mia"))
    }

    @Test("code blocks carry the language and no marks, even from styled input")
    func codeBlock() {
        let document = RichDocument(guanceHTML: #"<pre class="language-go"><b>func</b> main() {}</pre>"#)
        let node = document.adfDocument().content?.first
        #expect(node == ADFNode(type: "codeBlock", attrs: ["language": .string("go")], content: [ADFNode(type: "text", text: "func main() {}")]))
    }

    @Test("newlines inside prose become hard breaks; empty strings are dropped")
    func newlinesAndEmptyText() {
        let document = RichDocument(blocks: [.paragraph([.plain("a\n\nb"), .plain(""), .text("", RichTextStyle(isBold: true))])])
        let paragraph = document.adfDocument().content?.first
        #expect(paragraph?.content?.map(\.type) == ["text", "hardBreak", "hardBreak", "text"])
    }

    @Test("list items always start with a paragraph; headings, quotes and rules inside are flattened")
    func listNesting() {
        let document = RichDocument(blocks: [.bulletList([
            RichListItem(blocks: [.orderedList([RichListItem([.plain("deep")])])]),
            RichListItem(blocks: [.heading(level: 1, [.plain("h")]), .blockquote([.paragraph([.plain("q")])]), .rule]),
        ])])
        let adf = document.adfDocument()
        #expect(ADFValidator.violations(adf).isEmpty)
        let items = adf.content?.first?.content ?? []
        #expect(items.first?.content?.map(\.type) == ["paragraph", "orderedList"])
        #expect(items.last?.content?.map(\.type) == ["paragraph", "paragraph"])
        #expect(items.last?.content?.first?.content?.first?.marks == [ADFMark(type: "strong")])
    }

    @Test("an empty document is a valid empty doc")
    func emptyDocument() throws {
        #expect(try json(RichDocument().adfDocument()) == #"{"content":[],"type":"doc","version":1}"#)
    }
}
