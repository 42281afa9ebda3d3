import Testing
@testable import RichText

@Suite("Very long text")
struct LongTextTests {
    /// About 120 000 characters of Chinese, emoji sequences, flags and markup specials in
    /// 2 000 paragraphs.
    static let longText: String = (0..<2000).map { index in
        "第\(index)段 告警 👨‍👩‍👧‍👦🇨🇳🏳️‍🌈 e\u{301} *x* _y_ {z} [a|b] <tag> &amp; C:\\dir\nline two 😀"
    }.joined(separator: "\n\n")

    @Test("long plain text survives every format without loss")
    func longRoundTrips() {
        let document = RichDocument(plainText: Self.longText)
        #expect(document.blocks.count == 2000)
        #expect(document.plainText() == Self.longText)
        #expect(RichDocument(adf: document.adfDocument()) == document)
        #expect(RichDocument(jiraWikiMarkup: document.jiraWikiMarkup()) == document)
        #expect(RichDocument(guanceHTML: document.html()) == document)
    }

    @Test("prefix keeps structure: code stays code, lists keep nesting, mentions are not split")
    func prefixKeepsStructure() {
        let document = RichDocument(blocks: [
            .codeBlock(language: "go", text: "0123456789"),
            .bulletList([RichListItem(blocks: [.paragraph([.plain("ab")]), .orderedList([RichListItem([.plain("cd")])])])]),
            .paragraph([.mention(displayName: "Mia", id: "acnt_1")]),
        ])
        #expect(document.characterCount == 18)
        #expect(document.prefix(characters: 4).blocks == [.codeBlock(language: "go", text: "0123")])
        #expect(document.prefix(characters: 13).blocks == [
            .codeBlock(language: "go", text: "0123456789"),
            .bulletList([RichListItem(blocks: [.paragraph([.plain("ab")]), .orderedList([RichListItem([.plain("c")])])])]),
        ])
        #expect(document.prefix(characters: 16).blocks.last == .paragraph([.plain("@M")]))
        #expect(document.prefix(characters: 18) == document)
        #expect(document.prefix(characters: 0).isEmpty)
    }
}
