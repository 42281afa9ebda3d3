import Foundation
import JiraAPI
import RichText
import Testing

/// Transitions, remote links, comments and metadata against a scripted server.
@Suite("Workflow, links, comments and metadata")
struct JiraClientWorkflowShapeTests {
    private static let transitionsJSON = #"""
        {"transitions":[
          {"id":"11","name":"待办","to":{"id":"10000","name":"待办","statusCategory":{"id":2,"key":"new"}}},
          {"id":"41","name":"完成","hasScreen":true,"to":{"id":"10002","name":"完成","statusCategory":{"id":3,"key":"done"}},
           "fields":{"resolution":{"required":true,"allowedValues":[{"id":"10000","name":"完成"},{"id":"10001","name":"不做"}]}}}]}
        """#

    @Test("Transition to `done` is chosen by category and fills the required resolution")
    func transitionToDone() async throws {
        let server = ScriptedJiraServer { request, _ in
            guard request.method == "GET" else { return ScriptedResponse(status: 204) }
            if request.path.hasSuffix("/transitions") { return .json(200, Self.transitionsJSON) }
            // The issue is read first: a transition is planned only when it is not in the category yet.
            return .json(200, #"{"id":"1","key":"OPS-1","fields":{"status":{"id":"10000","statusCategory":{"key":"new"}}}}"#)
        }
        let performed = try await server.run { url in
            try await JiraTestSupport.client(url, flavor: .fixed(.dataCenter)).transition(issue: "OPS-1", toStatusCategory: "done")
        }
        #expect(performed?.id == "41")
        let post = try #require(server.requests.last)
        #expect(post.path == "/rest/api/2/issue/OPS-1/transitions")
        #expect((post.jsonObject?["transition"] as? [String: String])?["id"] == "41")
        let fields = try #require(post.jsonObject?["fields"] as? [String: [String: String]])
        #expect(fields["resolution"]?["id"] == "10000")
        #expect(server.requests.contains { $0.path.hasSuffix("/transitions") && $0.query.contains("expand=transitions.fields") })
    }

    @Test("A person's transition between the plan's reads never yields a transition offered from a status the caller did not see")
    func personMovesDuringPlan() async throws {
        // Classic workflow: from Open, Resolve (→ Resolved 5) and Close (→ Closed 6); from Resolved only
        // Close and Reopen. A person resolves the issue right after the plan's first read.
        let server = ScriptedJiraServer { request, index in
            let resolved = index > 0
            if request.path.hasSuffix("/transitions") {
                return .json(200, resolved
                    ? #"{"transitions":[{"id":"2","to":{"id":"6","statusCategory":{"key":"done"}}},{"id":"3","to":{"id":"4","statusCategory":{"key":"new"}}}]}"#
                    : #"{"transitions":[{"id":"5","to":{"id":"5","statusCategory":{"key":"done"}}},{"id":"2","to":{"id":"6","statusCategory":{"key":"done"}}}]}"#)
            }
            return .json(200, resolved
                ? #"{"id":"1","key":"OPS-1","fields":{"status":{"id":"5","statusCategory":{"key":"done"}}}}"#
                : #"{"id":"1","key":"OPS-1","fields":{"status":{"id":"1","statusCategory":{"key":"new"}}}}"#)
        }
        let plan = try await server.run { url in
            try await JiraTestSupport.client(url).transitionPlan(issue: "OPS-1", toAnyOf: ["done"])
        }
        // Either the plan sees the person's status (and plans nothing), or it planned from the status it
        // reports: a Close offered from Resolved must never come back labelled with Open's id.
        if let transition = plan.transition {
            #expect(plan.currentStatusId == "1" && transition.id == "5", "planned \(transition.id) from \(plan.currentStatusId ?? "-")")
        } else {
            #expect(plan.currentStatusId == "5")
        }
    }

    @Test("No transition to the category: clear error listing what is reachable; already there: no-op")
    func noTransition() async throws {
        let server = ScriptedJiraServer { request, _ in
            if request.path.hasSuffix("/transitions") {
                return .json(200, #"{"transitions":[{"id":"11","to":{"id":"1","statusCategory":{"key":"new"}}}]}"#)
            }
            let category = request.path.hasSuffix("OPS-2") ? "done" : "indeterminate"
            return .json(200, #"{"id":"1","key":"OPS-1","fields":{"status":{"id":"3","statusCategory":{"key":"\#(category)"}}}}"#)
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url)
            let error = try await #require(throws: JiraAPIError.self) {
                try await client.transition(issue: "OPS-1", toStatusCategory: "done")
            }
            guard case .noTransitionToCategory(_, let category, let reachable) = error.kind else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(category == "done")
            #expect(reachable == ["new"])
            let noOp = try await client.transition(issue: "OPS-2", toStatusCategory: "done")
            #expect(noOp == nil)
        }
        #expect(!server.requests.contains { $0.method == "POST" })
    }

    @Test("Remote link upsert reports 201 as created and 200 as updated, and sends every member")
    func remoteLinkUpsert() async throws {
        let server = ScriptedJiraServer { _, index in
            .json(index == 0 ? 201 : 200, #"{"id":10000,"self":"x"}"#)
        }
        let link = JiraRemoteLink(
            globalId: "system=guance&ws=wksp_1&issue=issue_7f3a9c", url: "https://console.guance.com/x", title: "Guance issue",
            applicationType: "com.guance.cloud", applicationName: "Guance Cloud", relationship: "tracked in", resolved: false)
        let results = try await server.run { url in
            let client = JiraTestSupport.client(url)
            return [try await client.upsertRemoteLink(issue: "OPS-1", link), try await client.upsertRemoteLink(issue: "OPS-1", link)]
        }
        #expect(results.map(\.created) == [true, false])
        #expect(results.map(\.id) == ["10000", "10000"])
        let body = try #require(server.requests.first?.jsonObject)
        #expect(body["globalId"] as? String == link.globalId)
        #expect((body["object"] as? [String: Any])?["title"] as? String == "Guance issue")
        #expect(((body["object"] as? [String: Any])?["status"] as? [String: Bool])?["resolved"] == false)
    }

    @Test("Comments page with expand=properties; add sends properties; missing property reads as nil")
    func comments() async throws {
        let server = ScriptedJiraServer { request, _ in
            switch (request.method, request.path) {
            case ("GET", "/rest/api/3/issue/OPS-1/comment"):
                let startAt = request.query.contains("startAt=2") ? 2 : 0
                let ids = startAt == 0 ? [1, 2] : [3]
                let comments = ids.map { #"{"id":"\#($0)","body":{"type":"doc","version":1,"content":[]},"properties":[{"key":"guance.sync","value":{"n":\#($0)}}]}"# }
                return .json(200, #"{"startAt":\#(startAt),"maxResults":2,"total":3,"comments":[\#(comments.joined(separator: ","))]}"#)
            case ("POST", _):
                return .json(201, #"{"id":"4","body":{"type":"doc","version":1,"content":[]},"properties":[{"key":"guance.sync","value":{"origin":"guance"}}]}"#)
            default:
                return .json(404, #"{"errorMessages":["无此属性"],"errors":{}}"#)
            }
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url)
            let listed = try await client.comments(issue: "OPS-1", pageSize: 2).collect()
            #expect(listed.map(\.id) == ["1", "2", "3"])
            #expect(listed.last?.properties["guance.sync"]?["n"] == .int(3))
            let added = try await client.addComment(
                issue: "OPS-1", body: .adf(.document([])), properties: ["guance.sync": .object(["origin": .string("guance")])])
            #expect(added.properties["guance.sync"]?["origin"] == .string("guance"))
            #expect(try await client.commentProperty(commentId: "4", key: "other") == nil)
        }
        #expect(server.requests.first?.query.contains("expand=properties") == true)
        let post = try #require(server.requests.first { $0.method == "POST" })
        #expect((post.jsonObject?["properties"] as? [[String: Any]])?.first?["key"] as? String == "guance.sync")
    }

    @Test("Create metadata: DC `values` across pages, priorities and localized names mapped by id")
    func createMetadata() async throws {
        let server = ScriptedJiraServer { request, _ in
            if request.path.hasSuffix("/issuetypes") {
                return request.query.contains("startAt=0")
                    ? .json(200, #"{"startAt":0,"maxResults":1,"total":2,"isLast":false,"values":[{"id":"10004","name":"缺陷"}]}"#)
                    : .json(200, #"{"startAt":1,"maxResults":1,"total":2,"isLast":true,"values":[{"id":"10001","name":"任务"}]}"#)
            }
            if request.path.hasSuffix("/resolution") {
                return .json(200, #"[{"id":"10000","name":"完成"},{"id":"10001","name":"不做"}]"#)
            }
            return .json(200, #"{"startAt":0,"maxResults":50,"total":2,"isLast":true,"values":[{"fieldId":"summary","required":true},{"fieldId":"priority","required":false,"allowedValues":[{"id":"1","name":"最高"},{"id":"3","name":"中"}]}]}"#)
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url, flavor: .fixed(.dataCenter))
            let types = try await client.issueTypes(project: "OPS", pageSize: 1)
            #expect(types.map(\.id) == ["10004", "10001"])
            let priorities = try await client.priorities(project: "OPS", issueTypeId: "10004")
            #expect(priorities.map(\.id) == ["1", "3"])
            let resolutions = try await client.resolutions()
            #expect(resolutions.map(\.id) == ["10000", "10001"])
        }
        #expect(server.requests.contains { $0.path == "/rest/api/2/issue/createmeta/OPS/issuetypes/10004" })
    }
}
