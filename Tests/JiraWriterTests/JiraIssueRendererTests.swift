import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore
import Testing

@Suite("Rendering a Guance issue for Jira")
struct JiraIssueRendererTests {
    @Test("Cloud gets an ADF description, Data Center wiki markup, both with the header and the converted HTML")
    func flavours() throws {
        let snapshot = Fixtures.snapshot(description: "<p>负载 <strong>很高</strong> 🔥</p>")
        let cloud = try Fixtures.renderer(.cloud).render(snapshot)
        let dataCenter = try Fixtures.renderer(.dataCenter).render(snapshot)
        let adf = try #require(cloud.draft.description?.adfDocument)
        let wiki = try #require(dataCenter.draft.description?.wikiMarkup)
        #expect(wiki.contains("*很高*"))
        #expect(!wiki.contains("<strong>"))
        for text in [RichDocument(adf: adf).plainText(), RichDocument(jiraWikiMarkup: wiki).plainText()] {
            #expect(text.contains("Guance issue issue_7f3a9c (P1,  host-a)"))
            #expect(text.contains(Fixtures.consoleIssueURL))
            #expect(text.contains("负载 很高 🔥"))
        }
        #expect(cloud.draft.summary == "[Guance] CPU > 90% on host-a")
    }

    @Test("Plain-text descriptions stay literal (no markup interpreted)")
    func plainDescription() throws {
        let rendered = try Fixtures.renderer(.dataCenter).render(Fixtures.snapshot(description: "List<String> a < b *not bold*"))
        let text = Fixtures.plainText(rendered.draft.description)
        #expect(text.contains("List<String> a < b *not bold*"))
    }

    @Test("Very long titles and descriptions fit Jira's limits, with a visible marker", arguments: JiraFlavor.allCases)
    func limits(flavor: JiraFlavor) throws {
        let title = String(repeating: "数据库连接超时 👨‍👩‍👧‍👦 ", count: 60) + "\nsecond line"
        let description = "<p>" + String(repeating: "日志 <em>emoji</em> 😀 & <b>bold</b> ", count: 4000) + "</p>"
        let rendered = try Fixtures.renderer(flavor).render(Fixtures.snapshot(name: title, description: description))
        #expect(rendered.draft.summary.utf16.count <= 255)
        #expect(rendered.draft.summary.hasSuffix(TruncationMarker.ellipsis))
        #expect(!rendered.draft.summary.contains("\n"))
        #expect(!rendered.draft.summary.unicodeScalars.contains { $0.properties.generalCategory == .surrogate })
        let body = try #require(rendered.draft.description)
        switch body {
        case .adf:
            let json = RichDocument(adf: try #require(body.adfDocument)).adfJSONString()
            #expect(json.utf16.count <= 32_767)
        case .wiki(let markup):
            #expect(markup.utf16.count <= 32_767)
        }
        #expect(Fixtures.plainText(body).contains("truncated by guance-jira-sync"))
        #expect(Fixtures.plainText(body).hasPrefix("Guance issue issue_7f3a9c"))
    }

    @Test("Routing: the first matching rule wins, else the default")
    func routing() throws {
        let renderer = try Fixtures.renderer(.cloud)
        let both = renderer.render(Fixtures.snapshot(name: "MySQL down", level: "system_level_0", resourceType: "checker"))
        #expect(both.target == .init(project: "DBA", issueType: "10001"))
        #expect(both.ruleName == "database")
        let critical = renderer.render(Fixtures.snapshot(name: "MySQL down", level: "system_level_0"))
        #expect(critical.target == .init(project: "SRE", issueType: "10002"))
        let other = renderer.render(Fixtures.snapshot(name: "disk full", level: "system_level_3", resourceType: "checker"))
        #expect(other.target == .init(project: "OPS", issueType: "10004"))
        #expect(other.ruleName == nil)
        #expect(other.draft.project == "OPS" && other.draft.issueTypeId == "10004")
    }

    @Test("Priority comes from the level map by id; an unmapped or absent level sets none")
    func priorities() throws {
        let renderer = try Fixtures.renderer(.cloud)
        #expect(renderer.render(Fixtures.snapshot(level: "system_level_0")).draft.priorityId == "1")
        #expect(renderer.render(Fixtures.snapshot(level: "system_level_1")).draft.priorityId == "2")
        #expect(renderer.render(Fixtures.snapshot(level: "issl_custom")).draft.priorityId == nil)
        #expect(renderer.render(Fixtures.snapshot(level: nil)).draft.priorityId == nil)
    }

    @Test("Labels: configured, then the rule's (slugged), then guance-<uuid>; no spaces")
    func labels() throws {
        let rendered = try Fixtures.renderer(.cloud).render(Fixtures.snapshot(name: "mysql", resourceType: "checker"))
        #expect(rendered.draft.labels == ["guance", "db-team", "guance-issue_7f3a9c"])
        #expect(rendered.syncLabel == "guance-issue_7f3a9c")
        #expect(rendered.draft.labels.allSatisfy { !$0.contains(" ") && $0.utf16.count <= 255 })
    }

    @Test("The issue property and the remote link identify the Guance issue")
    func markers() throws {
        let eventID = EventID(rawValue: "ev1-abc")
        let open = try Fixtures.renderer(.cloud).render(Fixtures.snapshot(), eventID: eventID)
        let expected: JSONValue = .object([
            "issueUuid": .string("issue_7f3a9c"), "workspaceUuid": .string("wksp_1"),
            "eventId": .string("ev1-abc"), "origin": .string("guance"),
        ])
        #expect(open.draft.properties == ["guance.sync": expected])
        #expect(open.property.key == "guance.sync")
        #expect(JiraPropertyMarker.issueUUID(inIssueProperty: expected) == "issue_7f3a9c")
        #expect(open.remoteLink.globalId == "system=guance&ws=wksp_1&issue=issue_7f3a9c")
        #expect(open.remoteLink.url == Fixtures.consoleIssueURL)
        #expect(open.remoteLink.resolved == false)
        for status in [20, 25] {
            #expect(try Fixtures.renderer(.cloud).render(Fixtures.snapshot(statusType: status)).remoteLink.resolved == true)
        }
        #expect(try Fixtures.renderer(.cloud).render(Fixtures.snapshot(statusType: 30)).remoteLink.resolved == false)
    }

    @Test("A template with an unknown placeholder is refused")
    func badTemplate() {
        var configuration = Fixtures.configuration()
        configuration.templates.summary = "{nope}"
        #expect(throws: TemplateError.self) { try JiraIssueRenderer(configuration: configuration, flavor: .cloud) }
    }
}
