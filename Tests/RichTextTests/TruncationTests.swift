import Foundation
import Testing
@testable import RichText

@Suite("Limits and truncation")
struct TruncationTests {
    @Test("lengths are counted in the limit's unit")
    func units() {
        let family = "👨‍👩‍👧‍👦"
        #expect(TextLimit(maximum: 0, unit: .utf16CodeUnits).length(of: family) == 11)
        #expect(TextLimit(maximum: 0, unit: .unicodeScalars).length(of: family) == 7)
        #expect(TextLimit(maximum: 0, unit: .utf8Bytes).length(of: family) == 25)
        #expect(TextLimit(maximum: 0, unit: .characters).length(of: family) == 1)
        #expect(TextLimit.jiraSummary.length(of: "中文🇨🇳") == 6)
    }

    @Test("text exactly at the limit is unchanged; one unit over is cut with the marker")
    func boundary() {
        let limit = TextLimit.jiraSummary
        let exact = String(repeating: "中", count: 255)
        #expect(exact.truncated(toFit: limit) == exact)
        let over = exact + "a"
        let cut = over.truncated(toFit: limit)
        #expect(cut == String(repeating: "中", count: 254) + "…")
        #expect(limit.length(of: cut) == 255)
    }

    @Test("cuts never split a surrogate pair, ZWJ sequence, flag or combining sequence", arguments: [
        "😀", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "👍🏽", "e\u{301}", "1️⃣", "中",
    ])
    func graphemeBoundaries(unit: String) {
        for maximum in 1...40 {
            for limitUnit in [TextLimit.Unit.utf16CodeUnits, .unicodeScalars, .utf8Bytes, .characters] {
                let limit = TextLimit(maximum: maximum, unit: limitUnit)
                let text = "ab" + String(repeating: unit, count: 30)
                let cut = text.truncated(toFit: limit, marker: "…")
                #expect(limit.allows(cut))
                let body = cut.hasSuffix("…") ? String(cut.dropLast()) : cut
                #expect(text.hasPrefix(body), "\(limitUnit) \(maximum)")
                #expect(Array(body.dropFirst(min(2, body.count))).allSatisfy { $0 == Character(unit) })
            }
        }
    }

    @Test("single-line fields collapse whitespace and fit the limit")
    func singleLine() {
        let name = "  OOM in\n\tpod   😀 " + String(repeating: "x", count: 300)
        let summary = name.singleLine(fitting: .jiraSummary)
        #expect(!summary.contains("\n") && !summary.contains("\t"))
        #expect(summary.hasPrefix("OOM in pod 😀 xxx"))
        #expect(summary.utf16.count == 255)
        #expect(summary.hasSuffix("x…"))
        #expect("short".singleLine(fitting: .guanceIssueName) == "short")
    }

    @Test("a marker longer than the limit is itself cut")
    func tinyLimit() {
        #expect("abcdef".truncated(toFit: TextLimit(maximum: 3, unit: .characters), marker: "[cut]") == "[cu")
    }

    static let longDocument: RichDocument = {
        var blocks: [RichBlock] = []
        for index in 0..<400 {
            blocks.append(.paragraph([.plain("第\(index)段 "), .text("*bold* 😀👨‍👩‍👧 \\ & {x}", RichTextStyle(isBold: true)), .hardBreak, .plain(String(repeating: "長", count: 40))]))
            blocks.append(.codeBlock(language: "swift", text: "let x = \"{code}\" // \(index) 🇯🇵\nprint(x)"))
            blocks.append(.bulletList([RichListItem(blocks: [.paragraph([.plain("item \(index)")]), .orderedList([RichListItem([.plain("sub")])])])]))
        }
        return RichDocument(blocks: blocks)
    }()

    @Test("wiki markup is cut within 32 767 UTF-16 units, closes its blocks and ends with the marker")
    func wikiTruncation() {
        let full = Self.longDocument.jiraWikiMarkup()
        #expect(full.utf16.count > TextLimit.jiraDescription.maximum)
        let cut = Self.longDocument.jiraWikiMarkup(fitting: .jiraDescription)
        #expect(TextLimit.jiraDescription.allows(cut))
        #expect(cut.utf16.count > TextLimit.jiraDescription.maximum - 400, "the cut should use the space available")
        #expect(cut.hasSuffix(WikiEscaping.escape(TruncationMarker.fullTextInGuance)))
        #expect(cut.components(separatedBy: "{noformat}").count % 2 == 1)
        let reread = RichDocument(jiraWikiMarkup: cut)
        #expect(reread.plainText().hasSuffix(TruncationMarker.fullTextInGuance))
        #expect(full.hasPrefix(String(cut.prefix(1000))))
    }

    @Test("ADF is cut so that its JSON fits, and stays valid")
    func adfTruncation() throws {
        let adf = Self.longDocument.adfDocument(fitting: .jiraComment)
        let json = String(decoding: try JSONEncoder().encode(adf), as: UTF8.self)
        #expect(TextLimit.jiraComment.allows(json))
        #expect(json.utf16.count > TextLimit.jiraComment.maximum - 600)
        #expect(ADFValidator.violations(adf).isEmpty)
        let lastText = RichDocument(adf: adf).plainText()
        #expect(lastText.hasSuffix(TruncationMarker.fullTextInGuance))
    }

    @Test("a Guance reply is cut within 65 535 UTF-8 bytes")
    func replyTruncation() {
        let reply = Self.longDocument.plainText(fitting: .guanceReplyContent)
        #expect(Self.longDocument.plainText().utf8.count > 65_535)
        #expect(reply.utf8.count <= 65_535)
        #expect(reply.utf8.count > 65_535 - 300)
        #expect(reply.hasSuffix(TruncationMarker.fullTextInJira))
        #expect(Self.longDocument.plainText().hasPrefix(String(reply.prefix(5000))))
    }

    @Test("documents that fit are returned unchanged", arguments: [TextLimit.jiraDescription, .guanceReplyContent])
    func fitsUnchanged(limit: TextLimit) {
        let document = RichDocument(plainText: "short 😀")
        #expect(document.truncated(toFit: limit, renderedBy: { $0.plainText() }) == document)
        #expect(document.plainText(fitting: limit) == "short 😀")
    }

    @Test("document length exactly at the limit is kept; one over is cut", arguments: [TextLimit.Unit.utf16CodeUnits, .utf8Bytes])
    func documentBoundary(unit: TextLimit.Unit) {
        let text = String(repeating: "🇨🇳中a", count: 50)
        let document = RichDocument(plainText: text)
        let exact = TextLimit(maximum: TextLimit(maximum: 0, unit: unit).length(of: text), unit: unit)
        #expect(document.plainText(fitting: exact) == text)
        let under = TextLimit(maximum: exact.maximum - 1, unit: unit)
        let cut = document.plainText(fitting: under, marker: "…")
        #expect(under.allows(cut))
        #expect(cut.hasSuffix("…"))
        #expect(text.hasPrefix(String(cut.dropLast().dropLast(2))))
    }
}
