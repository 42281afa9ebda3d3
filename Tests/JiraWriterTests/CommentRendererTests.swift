import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore
import Testing

@Suite("Rendering Guance replies as Jira comments")
struct CommentRendererTests {
    static let created = Date(timeIntervalSince1970: 1_795_000_000)

    static func reply(content: String = "<p>已重启 <b>mysql</b> 👍</p>", edited: Date? = nil) -> GuanceReplyChange {
        GuanceReplyChange(
            issueUUID: "issue_7f3a9c", replyUUID: "repim_1", content: content,
            author: GuanceActor(id: "acnt_1", name: "张三"), createdAt: created, updatedAt: edited
        )
    }

    @Test("Attribution names the author, the time and links the Guance issue; the marker names the reply", arguments: JiraFlavor.allCases)
    func attribution(flavor: JiraFlavor) throws {
        let comment = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor)).render(Self.reply(), guanceIssueURL: Fixtures.consoleIssueURL)
        let text = Fixtures.plainText(comment.body)
        #expect(text.hasPrefix("张三 wrote in Guance (\(Fixtures.consoleIssueURL)) at 2026-11-18T11:06:40Z:"))
        #expect(text.contains("已重启 mysql 👍"))
        #expect(!text.contains("edited"))
        #expect(comment.body.nativeFlavor == flavor)
        let link = comment.document.blocks.first.flatMap { block -> String? in
            guard case .paragraph(let inlines) = block else { return nil }
            return inlines.lazy.compactMap { inline -> String? in
                if case .text(_, let style) = inline { return style.link }
                return nil
            }.first
        }
        #expect(link == Fixtures.consoleIssueURL)
        #expect(comment.property.key == "guance.sync")
        #expect(comment.property.value == .object([
            "origin": .string("guance"), "replyUuid": .string("repim_1"), "issueUuid": .string("issue_7f3a9c"),
        ]))
        #expect(JiraPropertyMarker.replyUUID(inCommentProperty: comment.property.value) == "repim_1")
        #expect(JiraPropertyMarker.replyUUID(inCommentProperty: .object(["origin": .string("jira"), "replyUuid": .string("x")])) == nil)
    }

    @Test("A reply by another integration's API key is attributed to the key's name as an integration", arguments: JiraFlavor.allCases)
    func integrationAttribution(flavor: JiraFlavor) throws {
        let renderer = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor))
        var reply = Self.reply(content: "PagerDuty incident P123 acknowledged")
        reply.author = GuanceActor(id: "wsak_pagerduty", name: "PagerDuty", email: "wsak_pagerduty")
        let text = Fixtures.plainText(renderer.render(reply, guanceIssueURL: Fixtures.consoleIssueURL).body)
        #expect(text.hasPrefix("PagerDuty (integration) wrote in Guance (\(Fixtures.consoleIssueURL)) at 2026-11-18T11:06:40Z:"), "\(text)")
        // A key without a name is named by its id, never by its e-mail field or as a person.
        reply.author = GuanceActor(id: "wsak_nameless", name: nil, email: "someone@example.com")
        let nameless = Fixtures.plainText(renderer.render(reply, guanceIssueURL: "").body)
        #expect(nameless.hasPrefix("wsak_nameless (integration) wrote in Guance"), "\(nameless)")
        // A person stays a person.
        #expect(!Fixtures.plainText(renderer.render(Self.reply(), guanceIssueURL: "").body).contains("(integration)"))
    }

    @Test("An edited reply renders the same way, with the edit time and the same marker")
    func edited() throws {
        let renderer = CommentRenderer(issueRenderer: try Fixtures.renderer(.cloud))
        let original = renderer.render(Self.reply(), guanceIssueURL: Fixtures.consoleIssueURL)
        let edit = renderer.render(
            Self.reply(content: "fixed", edited: Self.created.addingTimeInterval(60)), guanceIssueURL: Fixtures.consoleIssueURL
        )
        #expect(Fixtures.plainText(edit.body).contains("(edited 2026-11-18T"))
        #expect(Fixtures.plainText(edit.body).hasSuffix("fixed"))
        #expect(edit.property == original.property)
    }

    @Test("A very long reply is cut within the comment limit with a marker")
    func longReply() throws {
        let renderer = CommentRenderer(issueRenderer: try Fixtures.renderer(.dataCenter))
        let comment = renderer.render(Self.reply(content: String(repeating: "长文本😀 ", count: 10_000)), guanceIssueURL: "")
        let wiki = try #require(comment.body.wikiMarkup)
        #expect(wiki.utf16.count <= 32_767, "\(wiki.utf16.count)")
        #expect(Fixtures.plainText(comment.body).hasSuffix(TruncationMarker.fullTextInGuance), "\(wiki.suffix(80))")
    }

    @Test("Deleted reply: note appended once, delete, or ignore, per policy", arguments: JiraFlavor.allCases)
    func deletion(flavor: JiraFlavor) throws {
        let deletion = GuanceReplyDeletion(issueUUID: "issue_7f3a9c", replyUUID: "repim_1", deletedAt: Self.created)
        let noting = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor))
        let body = noting.render(Self.reply(), guanceIssueURL: Fixtures.consoleIssueURL).body
        guard case .updateBody(let noted) = noting.deletion(deletion, currentBody: body) else {
            Issue.record("expected the note to be appended")
            return
        }
        let text = Fixtures.plainText(noted)
        #expect(text.contains("已重启 mysql 👍"))
        #expect(text.hasSuffix("[Deleted in Guance at 2026-11-18T11:06:40Z]"))
        #expect(noting.deletion(deletion, currentBody: noted) == .leave)
        let deleting = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor, deletion: .delete))
        #expect(deleting.deletion(deletion, currentBody: body) == .delete)
        let ignoring = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor, deletion: .ignore))
        #expect(ignoring.deletion(deletion, currentBody: body) == .leave)
    }

    @Test("The deletion note survives on a comment already at the length limit, and is added only once", arguments: JiraFlavor.allCases)
    func deletionOfLongComment(flavor: JiraFlavor) throws {
        let renderer = CommentRenderer(issueRenderer: try Fixtures.renderer(flavor))
        let long = renderer.render(Self.reply(content: String(repeating: "长文本😀 ", count: 10_000)), guanceIssueURL: "")
        let deletion = GuanceReplyDeletion(issueUUID: "issue_7f3a9c", replyUUID: "repim_1", deletedAt: nil)
        guard case .updateBody(let noted) = renderer.deletion(deletion, currentBody: long.body) else {
            Issue.record("expected the note to be appended")
            return
        }
        let size = switch noted {
        case .adf(let node): RichDocument(adf: node).adfJSONString().utf16.count
        case .wiki(let markup): markup.utf16.count
        }
        #expect(size <= 32_767)
        #expect(Fixtures.plainText(noted).hasSuffix("[Deleted in Guance]"))
        #expect(renderer.deletion(deletion, currentBody: noted) == .leave)
    }
}
