import Foundation
import JiraAPI
import RichText
import Testing

/// What the client sends for each operation, per flavour, against a scripted server.
@Suite("Request shapes per flavour")
struct JiraClientRequestShapeTests {
    @Test("Cloud create: v3 path, Basic auth, ADF description, labels and properties in one call")
    func cloudCreate() async throws {
        let server = ScriptedJiraServer { _, _ in .json(201, #"{"id":"10000","key":"OPS-24","self":"x"}"#) }
        let created = try await server.run { url in
            try await JiraTestSupport.client(url).createIssue(JiraIssueDraft(
                project: "OPS", issueTypeId: "10004", summary: "CPU > 90%",
                description: .adf(.document([ADFNode(type: "paragraph", content: [ADFNode(type: "text", text: "m-42")])])),
                priorityId: "2", labels: ["guance", "guance-issue-7f3a9c"],
                properties: ["guance.sync": .object(["issueUuid": .string("issue_7f3a9c")])]))
        }
        #expect(created == JiraCreatedIssue(id: "10000", key: "OPS-24"))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/rest/api/3/issue")
        #expect(request.authorization == "Basic " + Data("\(JiraTestSupport.email):\(JiraTestSupport.apiToken)".utf8).base64EncodedString())
        let body = try #require(request.jsonObject)
        let fields = try #require(body["fields"] as? [String: Any])
        #expect(fields["labels"] as? [String] == ["guance", "guance-issue-7f3a9c"])
        #expect((fields["issuetype"] as? [String: String])?["id"] == "10004")
        #expect((fields["priority"] as? [String: String])?["id"] == "2")
        #expect((fields["project"] as? [String: String])?["key"] == "OPS")
        #expect((fields["description"] as? [String: Any])?["type"] as? String == "doc")
        let properties = try #require(body["properties"] as? [[String: Any]])
        #expect(properties.first?["key"] as? String == "guance.sync")
    }

    @Test("DC create: when properties are refused, create without them, PUT them, and remember")
    func dataCenterPropertyFallback() async throws {
        let server = ScriptedJiraServer { request, _ in
            if request.method == "PUT" { return ScriptedResponse(status: 201) }
            if request.jsonObject?["properties"] != nil {
                return .json(400, #"{"errorMessages":["Unrecognized field \"properties\""],"errors":{}}"#)
            }
            return .json(201, #"{"id":"10001","key":"OPS-2","self":"x"}"#)
        }
        let draft = JiraIssueDraft(
            project: "OPS", issueTypeId: "10004", summary: "s", description: .wiki("h3. hi"), labels: ["guance"],
            properties: ["guance.sync": .object(["issueUuid": .string("u1")])])
        try await server.run { url in
            let client = JiraTestSupport.client(url, flavor: .fixed(.dataCenter))
            let first = try await client.createIssue(draft)
            let second = try await client.createIssue(draft)
            #expect([first.key, second.key] == ["OPS-2", "OPS-2"])
        }
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "POST", "PUT", "POST", "PUT"])
        #expect(requests[0].path == "/rest/api/2/issue")
        #expect(requests[0].authorization == "Bearer \(JiraTestSupport.pat)")
        #expect(requests[2].path == "/rest/api/2/issue/OPS-2/properties/guance.sync")
        #expect(requests[3].jsonObject?["properties"] == nil, "the refusal is remembered")
        #expect((requests[1].jsonObject?["fields"] as? [String: Any])?["description"] as? String == "h3. hi")
    }

    @Test("DC create: properties silently dropped are detected on the first create and PUT from then on")
    func dataCenterSilentDrop() async throws {
        let server = ScriptedJiraServer { request, _ in
            switch request.method {
            case "POST": .json(201, #"{"id":"10001","key":"OPS-3","self":"x"}"#)
            case "GET": .json(200, #"{"id":"10001","key":"OPS-3","fields":{"labels":[]},"properties":{}}"#)
            default: ScriptedResponse(status: 200)
            }
        }
        let draft = JiraIssueDraft(project: "10000", issueTypeId: "10004", summary: "s", properties: ["guance.sync": .object(["u": .int(1)])])
        try await server.run { url in
            let client = JiraTestSupport.client(url, flavor: .fixed(.dataCenter))
            _ = try await client.createIssue(draft)
            _ = try await client.createIssue(draft)
        }
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "GET", "PUT", "POST", "PUT"])
        #expect(requests[0].jsonObject?["properties"] != nil)
        #expect(requests[1].query.contains("properties=guance.sync"))
        #expect(requests[3].jsonObject?["properties"] == nil)
        #expect(((requests[0].jsonObject?["fields"] as? [String: Any])?["project"] as? [String: String])?["id"] == "10000")
    }

    @Test("Flavour detection reads serverInfo once")
    func detection() async throws {
        let server = ScriptedJiraServer { request, _ in
            request.path == "/rest/api/2/serverInfo"
                ? .json(200, #"{"baseUrl":"x","deploymentType":"DataCenter","versionNumbers":[9,12,0]}"#)
                : .json(200, #"{"name":"sync","key":"JIRAUSER1","displayName":"同步","timeZone":"America/New_York"}"#)
        }
        try await server.run { url in
            let client = JiraTestSupport.client(url, flavor: .detect)
            let detected = try await client.flavor()
            let me = try await client.myself()
            let again = try await client.flavor()
            #expect(detected == .dataCenter && again == .dataCenter)
            #expect(me.profileTimeZone?.identifier == "America/New_York")
        }
        #expect(server.requests.map(\.path) == ["/rest/api/2/serverInfo", "/rest/api/2/myself"])
    }

    @Test("Cloud search pages by token via /search/jql, sending reconcileIssues on every page")
    func cloudSearchPaging() async throws {
        let server = ScriptedJiraServer { request, _ in
            let token = request.jsonObject?["nextPageToken"] as? String
            let page = token.flatMap { Int($0) } ?? 0
            let ids = (0..<3).map { page * 3 + $0 }
            let issues = ids.map { #"{"id":"\#($0)","key":"OPS-\#($0)","fields":{}}"# }.joined(separator: ",")
            let next = page < 3 ? #","nextPageToken":"\#(page + 1)","isLast":false"# : #","isLast":true"#
            return .json(200, #"{"issues":[\#(issues)]\#(next)}"#)
        }
        let keys = try await server.run { url in
            try await JiraTestSupport.client(url).search(JiraSearchQuery(jql: "project = OPS", pageSize: 3, reconcileIssueIds: [7, 8]))
                .collect().map(\.key)
        }
        #expect(keys == (0..<12).map { "OPS-\($0)" })
        #expect(server.requests.allSatisfy { $0.path == "/rest/api/3/search/jql" })
        #expect(server.requests.allSatisfy { ($0.jsonObject?["reconcileIssues"] as? [Int]) == [7, 8] })
    }

    @Test("Too many reconcile ids are refused locally")
    func reconcileLimit() throws {
        let client = JiraTestSupport.client("http://127.0.0.1:9")
        #expect(throws: JiraAPIError.self) {
            try client.search(JiraSearchQuery(jql: "project = OPS", reconcileIssueIds: Array(0...50)))
        }
    }

    @Test("DC search pages by startAt, advancing by what the server returned when it shrinks maxResults")
    func dataCenterSearchPaging() async throws {
        let server = ScriptedJiraServer { request, _ in
            let startAt = request.jsonObject?["startAt"] as? Int ?? 0
            let count = min(2, 7 - startAt)
            let issues = (startAt..<startAt + count).map { #"{"id":"\#($0)","key":"OPS-\#($0)","fields":{}}"# }.joined(separator: ",")
            return .json(200, #"{"startAt":\#(startAt),"maxResults":2,"total":7,"issues":[\#(issues)]}"#)
        }
        let keys = try await server.run { url in
            try await JiraTestSupport.client(url, flavor: .fixed(.dataCenter)).search(JiraSearchQuery(jql: "project = OPS", pageSize: 50))
                .collect().map(\.key)
        }
        #expect(keys == (0..<7).map { "OPS-\($0)" })
        #expect(server.requests.map { $0.jsonObject?["startAt"] as? Int } == [0, 2, 4, 6])
        #expect(server.requests.allSatisfy { $0.path == "/rest/api/2/search" })
    }
}
