import Testing
@testable import RichText

/// Render → parse must give back the generated document, for 300 deterministic seeds per format.
@Suite("Round trips over generated documents")
struct RoundTripPropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test("model → ADF → model is lossless and the ADF is always valid", arguments: seeds)
    func adfRoundTrip(seed: UInt64) throws {
        var generator = DocumentGenerator(seed: seed)
        let document = generator.document()
        let ids = ["mia": "acc-mia", "bob_2": "acc-bob", "li": "acc-li"]
        let adf = document.adfDocument(options: ADFRenderOptions(mentionAccountIDs: ids))
        #expect(ADFValidator.violations(adf).isEmpty, "\(ADFValidator.violations(adf))")
        let reread = RichDocument(adf: adf)
        #expect(reread == Self.renamingMentions(document, ids), "seed \(seed)")
    }

    @Test("model → wiki markup → model is lossless", arguments: seeds)
    func wikiRoundTrip(seed: UInt64) {
        var generator = DocumentGenerator(seed: seed)
        let document = generator.document()
        let names = ["mia": "mia", "bob_2": "bob_2", "li": "li"]
        let markup = document.jiraWikiMarkup(options: WikiRenderOptions(mentionUserNames: names))
        #expect(RichDocument(jiraWikiMarkup: markup) == document, "seed \(seed):\n\(markup)")
    }

    @Test("model → HTML → model is lossless (mentions excluded: HTML carries them as text)", arguments: seeds)
    func htmlRoundTrip(seed: UInt64) {
        var generator = DocumentGenerator(seed: seed, capabilities: .init(mentions: false))
        let document = generator.document()
        let html = document.html()
        #expect(RichDocument(guanceHTML: html) == document, "seed \(seed):\n\(html)")
    }

    /// The document with each mention's id replaced by the accountId it maps to.
    static func renamingMentions(_ document: RichDocument, _ ids: [String: String]) -> RichDocument {
        func inlines(_ inlines: [RichInline]) -> [RichInline] {
            inlines.map {
                if case .mention(let name, let id?) = $0 { return .mention(displayName: name, id: ids[id] ?? id) }
                return $0
            }
        }
        func rename(_ blocks: [RichBlock]) -> [RichBlock] {
            blocks.map { block in
                switch block {
                case .paragraph(let content): return .paragraph(inlines(content))
                case .heading(let level, let content): return .heading(level: level, inlines(content))
                case .bulletList(let items): return .bulletList(items.map { RichListItem(blocks: rename($0.blocks)) })
                case .orderedList(let items): return .orderedList(items.map { RichListItem(blocks: rename($0.blocks)) })
                case .blockquote(let children): return .blockquote(rename(children))
                case .codeBlock, .rule: return block
                }
            }
        }
        return RichDocument(blocks: rename(document.blocks))
    }
}
