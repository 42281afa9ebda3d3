import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore
import Testing

@Suite("Snapshot diff: read before write")
struct SnapshotDiffTests {
    /// The Jira fields as they are right after the rendered issue was created.
    static func fields(of rendered: RenderedJiraIssue, description: JiraRichText? = nil) -> JiraIssueFields {
        var fields = JiraIssueFields()
        fields.summary = rendered.draft.summary
        fields.description = description ?? rendered.draft.description
        fields.priority = rendered.draft.priorityId.map { JiraNamedReference(id: $0, name: "最高") }
        fields.labels = rendered.draft.labels
        return fields
    }

    @Test("Identical state gives no edit (replays are no-ops)", arguments: JiraFlavor.allCases)
    func identical(flavor: JiraFlavor) throws {
        let rendered = try Fixtures.renderer(flavor).render(Fixtures.snapshot(description: "<p>负载 <b>高</b> 😀</p><ul><li>a</li></ul>"))
        #expect(SnapshotDiff.edit(from: Self.fields(of: rendered), to: rendered, previouslyManagedLabels: rendered.draft.labels) == nil)
    }

    @Test("A description Jira re-serialized (same content, different JSON) is not rewritten")
    func reserializedDescription() throws {
        let rendered = try Fixtures.renderer(.dataCenter).render(Fixtures.snapshot(description: "plain words"))
        let wiki = try #require(rendered.draft.description?.wikiMarkup)
        let fields = Self.fields(of: rendered, description: .wiki(wiki + "\n"))
        #expect(SnapshotDiff.edit(from: fields, to: rendered) == nil)
    }

    @Test("Changed title and description produce exactly those fields; a level change is left to the field ledger")
    func changes() throws {
        let renderer = try Fixtures.renderer(.cloud)
        let before = renderer.render(Fixtures.snapshot())
        let after = renderer.render(Fixtures.snapshot(name: "CPU > 95%", description: "<p>worse</p>", level: "system_level_0"))
        let edit = try #require(SnapshotDiff.edit(from: Self.fields(of: before), to: after))
        #expect(edit.summary == "[Guance] CPU > 95%")
        #expect(Fixtures.plainText(edit.description).hasSuffix("worse"))
        #expect(edit.priorityId == nil)
        #expect(edit.addLabels.isEmpty && edit.removeLabels.isEmpty)
    }

    @Test("Only the title changed: nothing else is sent")
    func titleOnly() throws {
        let renderer = try Fixtures.renderer(.cloud)
        let before = renderer.render(Fixtures.snapshot())
        let after = renderer.render(Fixtures.snapshot(name: "renamed"))
        let edit = try #require(SnapshotDiff.edit(from: Self.fields(of: before), to: after))
        #expect(edit == JiraIssueEdit(summary: "[Guance] renamed"))
    }

    @Test("Labels: missing ones added; ones the sync managed and no longer wants removed; user and marker labels kept")
    func labels() throws {
        let renderer = try Fixtures.renderer(.cloud)
        let before = renderer.render(Fixtures.snapshot(name: "mysql", resourceType: "checker"))
        var fields = Self.fields(of: before)
        fields.labels = ["db-team", "user-label", "guance-issue_7f3a9c", "issue_7f3a9c"]
        let after = renderer.render(Fixtures.snapshot(name: "disk", resourceType: "checker"))
        let edit = try #require(SnapshotDiff.edit(
            from: fields, to: after, previouslyManagedLabels: before.draft.labels + ["guance-issue_7f3a9c"]
        ))
        #expect(edit.addLabels == ["guance"])
        #expect(edit.removeLabels == ["db-team"])
    }

    @Test("A priority a person set in Jira is never reverted by a snapshot (mapped level or not)")
    func priorityNotReverted() throws {
        for level in ["issl_custom", "system_level_0"] {
            let rendered = try Fixtures.renderer(.cloud).render(Fixtures.snapshot(level: level))
            var fields = Self.fields(of: rendered)
            fields.priority = JiraNamedReference(id: "3")
            #expect(SnapshotDiff.edit(from: fields, to: rendered) == nil, "\(level)")
        }
    }
}
