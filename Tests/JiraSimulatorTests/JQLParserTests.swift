@testable import JiraSimulator
import Foundation
import Testing

@Suite("JQL parser and evaluator (in-process)")
struct JQLParserTests {
    @Test("AND binds tighter than OR; NOT and parentheses; ORDER BY with directions")
    func precedence() throws {
        let query = try JQLParser.parse("project = OPS OR labels = a AND NOT (labels = b) ORDER BY updated ASC, key DESC")
        guard case .or(.clause(let project), .and(.clause(let label), .not(.clause(let negated)))) = query.condition else {
            Issue.record("unexpected tree \(String(describing: query.condition))")
            return
        }
        #expect(project.field == .project)
        #expect(label.operands == [.bare("a")])
        #expect(negated.operands == [.bare("b")])
        #expect(query.ordering == [JQLSortTerm(field: .updated, ascending: true), JQLSortTerm(field: .key, ascending: false)])
        #expect(try JQLParser.parse("order by created").condition == nil)
    }

    @Test("unsupported or malformed JQL is an error, never a silent match", arguments: [
        "summary ~ \"cpu\"", "labels ~ a", "project = ", "project = OPS AND", "(project = OPS", "labels in (a, b",
        "project = \"OPS", "labels > a", "assignee = currentUser()", "project = OPS ORDER BY rank",
        "project = OPS ORDER BY key, key, key, key, key, key, key, key",
    ])
    func rejected(jql: String) {
        #expect(throws: JQLSyntaxError.self) { _ = try JQLParser.parse(jql) }
    }

    @Test("date operands: literal forms in the user's zone, epoch ms, relative periods; bad dates rejected")
    func dates() throws {
        let now = Date(timeIntervalSince1970: 1_704_153_600)  // 2024-01-02T00:00Z
        let catalog = SiteCatalog(options: JiraSimulatorOptions(flavour: .cloud))
        let shanghai = JQLEvaluator(catalog: catalog, timeZone: try #require(TimeZone(identifier: "Asia/Shanghai")), now: now)
        #expect(try shanghai.instant(.quoted("2024/01/02 08:00"), field: .updated) == now)
        #expect(try shanghai.instant(.quoted("2024-01-02 08:00"), field: .updated) == now)
        #expect(try shanghai.instant(.quoted("2024/01/02"), field: .updated) == now.addingTimeInterval(-8 * 3600))
        #expect(try shanghai.instant(.bare("1704153600000"), field: .updated) == now)
        #expect(try shanghai.instant(.quoted("-15m"), field: .updated) == now.addingTimeInterval(-900))
        #expect(try shanghai.instant(.quoted("-1w 2d"), field: .updated) == now.addingTimeInterval(-9 * 86_400))
        #expect(throws: JQLSyntaxError.self) { try shanghai.instant(.quoted("2024/01/02 08:00:30"), field: .updated) }
        #expect(throws: JQLSyntaxError.self) { try shanghai.instant(.quoted("yesterday"), field: .updated) }
    }
}
