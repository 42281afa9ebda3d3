import Testing
@testable import RichText

@Suite("Plain text → model")
struct PlainTextInputTests {
    @Test("blank lines separate paragraphs, newlines are hard breaks")
    func paragraphsAndBreaks() {
        let document = RichDocument(plainText: "line 1\r\nline 2\n\n\n  \npara 2\rnext")
        #expect(document.blocks == [
            .paragraph([.plain("line 1"), .hardBreak, .plain("line 2")]),
            .paragraph([.plain("para 2"), .hardBreak, .plain("next")]),
        ])
    }

    @Test("nothing is interpreted as markup")
    func noMarkup() {
        let text = "*not bold* <b>not html</b> &amp; [x|y] {code}"
        #expect(RichDocument(plainText: text).blocks == [.paragraph([.plain(text)])])
    }

    @Test("empty and whitespace-only input give an empty document", arguments: ["", " ", "\n\n", "\t \r\n"])
    func empty(text: String) {
        #expect(RichDocument(plainText: text).isEmpty)
        #expect(RichDocument(plainText: text).adfDocument() == .document([]))
    }

    @Test("plain text survives model → plain text unchanged when it has no leading spaces or blank-line runs")
    func plainTextRoundTrip() {
        let text = "第一段 😀\n第二行 👨‍👩‍👧\n\nSecond paragraph with C:\\path and *stars*"
        #expect(RichDocument(plainText: text).plainText() == text)
    }
}
