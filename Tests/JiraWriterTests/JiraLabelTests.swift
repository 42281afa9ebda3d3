import JiraWriter
import SyncCore
import Testing

@Suite("Jira label slugs")
struct JiraLabelTests {
    @Test("Whitespace and punctuation runs become one dash; ends are trimmed; case and scripts kept")
    func slugging() {
        #expect(JiraLabel.slug("db team") == "db-team")
        #expect(JiraLabel.slug("  a \t\n b  ") == "a-b")
        #expect(JiraLabel.slug("A/B:C") == "A-B-C")
        #expect(JiraLabel.slug("数据库 告警") == "数据库-告警")
        #expect(JiraLabel.slug("v1.2_x-y") == "v1.2_x-y")
        #expect(JiraLabel.slug("  ") == nil)
        #expect(JiraLabel.guanceIssue("issue_7f3a9c") == "guance-issue_7f3a9c")
        #expect(JiraLabel.legacyGuanceIssue("issue_7f3a9c") == "issue_7f3a9c")
    }

    @Test("Long labels are cut to 255 UTF-16 units without splitting a character")
    func length() throws {
        let label = try #require(JiraLabel.slug(String(repeating: "😀", count: 200)))
        #expect(label.utf16.count <= 255)
        #expect(label.utf16.count >= 254)
        #expect(label.unicodeScalars.allSatisfy { $0 == "😀" })
    }

    @Test("Normalizing drops empties and repeats, keeping the first order")
    func normalized() {
        #expect(JiraLabel.normalized(["guance", "a b", "", "guance", "a-b", "x"]) == ["guance", "a-b", "x"])
    }
}
