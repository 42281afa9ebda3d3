import Foundation
import JiraPoller
import Testing

@Suite("RefusedIssueKeys: keys Jira refused, left out of searches for a while")
struct RefusedIssueKeysTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a refused key is left out until its time is up, then searched again")
    func leftOutThenRetried() {
        let refused = RefusedIssueKeys(retryAfter: 900)
        let keys = ["OPS-1", "OPS-2", "OPS-3"]
        #expect(refused.searchable(keys, at: start) == keys)
        refused.refuse("OPS-2", at: start)
        #expect(refused.searchable(keys, at: start.addingTimeInterval(899)) == ["OPS-1", "OPS-3"])
        #expect(refused.searchable(keys, at: start.addingTimeInterval(900)) == keys)
        #expect(refused.count == 0)
    }

    @Test("a refused key whose link is gone is forgotten: the set never outgrows the link table")
    func forgottenWithItsLink() {
        let refused = RefusedIssueKeys(retryAfter: 900)
        for index in 0..<100 { refused.refuse("OPS-\(index)", at: start) }
        #expect(refused.searchable(["OPS-5", "OPS-500"], at: start.addingTimeInterval(1)) == ["OPS-500"])
        #expect(refused.count == 1)
    }

    @Test("a key is named by Jira's message only as a whole word, in any language")
    func namedKeys() {
        #expect(RefusedIssueKeys.message("An issue with key 'OPS-12' does not exist for field 'key'.", names: "OPS-12"))
        #expect(!RefusedIssueKeys.message("An issue with key 'OPS-12' does not exist for field 'key'.", names: "OPS-1"))
        #expect(RefusedIssueKeys.message("字段“key”的值“OPS-7”对应的问题不存在。", names: "OPS-7"))
        #expect(RefusedIssueKeys.message("值OPS-7对应的问题不存在", names: "OPS-7"))
        #expect(!RefusedIssueKeys.message("The value 'XOPS-7' does not exist", names: "OPS-7"))
        #expect(!RefusedIssueKeys.message("The value 'Ops' does not exist for the field 'project'.", names: "OPS-7"))
    }
}
