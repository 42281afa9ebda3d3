import Foundation
import RichText
import Testing

@testable import JiraAPI

@Suite("Decoding documented and spec example payloads")
struct JiraDecodingTests {
    private func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test("serverInfo: serverTime is read (the jira-poller's first cursor), an unreadable one is left out")
    func serverTime() throws {
        let cloud = try JSONDecoder().decode(JiraServerInfo.self, from: Data(#"""
            {"baseUrl":"https://x.atlassian.net","deploymentType":"Cloud","serverTime":"2026-12-06T09:41:02.170+0000","serverTimeZone":"Etc/UTC"}
            """#.utf8))
        #expect(cloud.serverTime?.timeIntervalSince1970 == 1_796_550_062.17)
        #expect(cloud.flavor == .cloud)
        let odd = try JSONDecoder().decode(JiraServerInfo.self, from: Data(#"{"deploymentType":"Server","serverTime":"yesterday"}"#.utf8))
        #expect(odd.serverTime == nil && odd.flavor == .dataCenter)
    }

    @Test("Cloud createmeta issue types use `issueTypes` (spec example)")
    func createMetaCloud() throws {
        let page = try decode(JiraOffsetPage<JiraIssueTypeMetadata>.self, #"{"issueTypes":[{"description":"An error in the code","iconUrl":"https://your-domain.atlassian.net/images/icons/issuetypes/bug.png","id":"1","name":"Bug","self":"https://your-domain.atlassian.net/rest/api/3/issueType/1","subtask":false}],"maxResults":1,"startAt":0,"total":1}"#)
        #expect(page.elements == [JiraIssueTypeMetadata(id: "1", name: "Bug", subtask: false)])
        #expect(page.nextCursor(requestedStart: 0) == nil)
    }

    @Test("Data Center createmeta uses `values` with `isLast`, and paging continues until isLast")
    func createMetaDataCenter() throws {
        let first = try decode(JiraOffsetPage<JiraIssueTypeMetadata>.self, #"{"maxResults":2,"startAt":0,"total":3,"isLast":false,"values":[{"id":"10004","name":"缺陷","subtask":false},{"id":"10005","name":"任务","subtask":false}]}"#)
        #expect(first.elements.map(\.id) == ["10004", "10005"])
        #expect(first.nextCursor(requestedStart: 0) == .offset(2))
        let last = try decode(JiraOffsetPage<JiraIssueTypeMetadata>.self, #"{"maxResults":2,"startAt":2,"total":3,"isLast":true,"values":[{"id":"10006","name":"子任务","subtask":true}]}"#)
        #expect(last.nextCursor(requestedStart: 2) == nil)
    }

    @Test("Create-screen fields: Cloud `fields` and DC `values`, priority allowed values by id")
    func createFields() throws {
        let cloud = try decode(JiraOffsetPage<JiraFieldMetadata>.self, #"{"fields":[{"fieldId":"priority","name":"Priority","required":false,"hasDefaultValue":true,"operations":["set"],"schema":{"type":"priority"},"allowedValues":[{"id":"1","name":"最高"},{"id":"2","name":"High"}]}],"maxResults":50,"startAt":0,"total":1}"#)
        let priority = try #require(cloud.elements.first)
        #expect(priority.fieldId == "priority")
        #expect(priority.schemaType == "priority")
        #expect(priority.allowedValues.map(\.id) == ["1", "2"])
        let dc = try decode(JiraOffsetPage<JiraFieldMetadata>.self, #"{"values":[{"fieldId":"summary","name":"摘要","required":true,"hasDefaultValue":false,"operations":["set"],"schema":{"type":"string"}}],"maxResults":50,"startAt":0,"total":1,"isLast":true}"#)
        #expect(dc.elements.first?.required == true)
        #expect(dc.elements.first?.allowedValues == [])
    }

    @Test("Spec transitions example decodes; its non-object allowed values are dropped")
    func transitionsSpecExample() throws {
        struct Body: Decodable { var transitions: [JiraTransition] }
        let body = try decode(Body.self, #"{"transitions":[{"fields":{"summary":{"allowedValues":["red","blue"],"defaultValue":"red","hasDefaultValue":false,"key":"field_key","name":"My Multi Select","operations":["set","add"],"required":false,"schema":{"custom":"com.atlassian.jira.plugin.system.customfieldtypes:multiselect","customId":10001,"items":"option","type":"array"}}},"hasScreen":false,"id":"2","isAvailable":true,"isConditional":false,"isGlobal":false,"isInitial":false,"name":"Close Issue","to":{"description":"The issue is currently being worked on.","iconUrl":"https://your-domain.atlassian.net/images/icons/progress.gif","id":"10000","name":"In Progress","self":"https://your-domain.atlassian.net/rest/api/3/status/10000","statusCategory":{"colorName":"yellow","id":1,"key":"in-flight","name":"In Progress","self":"https://your-domain.atlassian.net/rest/api/3/statuscategory/1"}}}]}"#)
        let transition = try #require(body.transitions.first)
        #expect(transition.id == "2")
        #expect(transition.to?.category?.key == "in-flight")
        #expect(transition.to?.category?.id == "1")
        #expect(transition.fields["summary"]?.allowedValues == [])
        #expect(transition.fields["summary"]?.fieldId == "field_key")
    }

    @Test("Resolution required on the Done screen: configured id if allowed, else first allowed value")
    func resolutionChoice() throws {
        let transition = try decode(JiraTransition.self, #"{"id":"31","name":"完成","hasScreen":true,"to":{"id":"10002","name":"完成","statusCategory":{"id":3,"key":"done"}},"fields":{"resolution":{"required":true,"allowedValues":[{"id":"10000","name":"完成"},{"id":"10001","name":"不修复"}]}}}"#)
        let client = JiraClient(
            configuration: JiraClientConfiguration(baseURL: "http://127.0.0.1:1", credentials: .bearer(token: "t"), flavor: .fixed(.dataCenter)),
            logger: .init(label: "test"))
        #expect(client.resolutionValue(for: transition, preferred: nil) == "10000")
        #expect(client.resolutionValue(for: transition, preferred: "10001") == "10001")
        #expect(client.resolutionValue(for: transition, preferred: "99999") == "10000")
        let optional = try decode(JiraTransition.self, #"{"id":"11","to":{"id":"3","statusCategory":{"key":"done"}},"fields":{"resolution":{"required":false,"allowedValues":[{"id":"10000"}]}}}"#)
        #expect(client.resolutionValue(for: optional, preferred: nil) == nil)
        let noScreen = try decode(JiraTransition.self, #"{"id":"11","to":{"id":"3","statusCategory":{"key":"done"}}}"#)
        #expect(client.resolutionValue(for: noScreen, preferred: "10000") == nil)
    }

    @Test("Cloud comment page (spec example): ADF body, timestamps, visibility")
    func commentsCloud() throws {
        let page = try decode(JiraOffsetPage<JiraComment>.self, #"{"comments":[{"author":{"accountId":"5b10a2844c20165700ede21g","active":false,"displayName":"Mia Krystof","self":"https://your-domain.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g"},"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Lorem ipsum dolor sit amet."}]}]},"created":"2021-01-17T12:34:00.000+0000","id":"10000","self":"https://your-domain.atlassian.net/rest/api/3/issue/10010/comment/10000","updateAuthor":{"accountId":"5b10a2844c20165700ede21g","active":false,"displayName":"Mia Krystof"},"updated":"2021-01-18T23:45:00.000+0000","visibility":{"identifier":"Administrators","type":"role","value":"Administrators"}}],"maxResults":1,"startAt":0,"total":1}"#)
        let comment = try #require(page.elements.first)
        #expect(comment.author?.accountId == "5b10a2844c20165700ede21g")
        #expect(comment.body?.adfDocument?.content?.first?.content?.first?.text == "Lorem ipsum dolor sit amet.")
        #expect(comment.created == JiraTimestamp.parse("2021-01-17T12:34:00.000Z"))
        #expect(comment.updated != comment.created)
        #expect(comment.visibility?["value"] == .string("Administrators"))
        #expect(page.nextCursor(requestedStart: 0) == nil)
    }

    @Test("DC comment: wiki body, name/key author, properties list becomes a dictionary")
    func commentDataCenter() throws {
        let comment = try decode(JiraComment.self, #"{"id":"10100","author":{"name":"sync","key":"JIRAUSER10000","displayName":"同步","timeZone":"Asia/Shanghai"},"body":"*bold* text","created":"2024-01-02T03:04:05.678+0800","updated":"2024-01-02T03:04:05.678+0800","properties":[{"key":"guance.sync","value":{"origin":"guance","replyUuid":"r-1"}}]}"#)
        #expect(comment.body == .wiki("*bold* text"))
        #expect(comment.author?.stableIdentifier == "JIRAUSER10000")
        #expect(comment.properties["guance.sync"]?["replyUuid"] == .string("r-1"))
    }

    @Test("Search page: fields typed, properties kept, a string description accepted (spec example style)")
    func issueDecoding() throws {
        let issue = try decode(JiraIssue.self, #"{"id":"10000","key":"OPS-24","fields":{"summary":"CPU > 90%","description":"Main order flow broken","status":{"id":"10002","name":"完成","statusCategory":{"id":3,"key":"done","name":"完成"}},"resolution":null,"priority":{"id":"1","name":"最高"},"labels":["guance","guance-issue-7f3a9c"],"updated":"2024-01-02T03:04:05.678+0800","customfield_10010":{"value":"x"}},"properties":{"guance.sync":{"issueUuid":"issue_7f3a9c"}}}"#)
        #expect(issue.fields.status?.category?.key == "done")
        #expect(issue.fields.resolution == nil)
        #expect(issue.fields.priority?.id == "1")
        #expect(issue.fields.description == .wiki("Main order flow broken"))
        #expect(issue.fields.updatedText == "2024-01-02T03:04:05.678+0800")
        #expect(issue.fields.all["customfield_10010"]?["value"] == .string("x"))
        #expect(issue.properties["guance.sync"]?["issueUuid"] == .string("issue_7f3a9c"))
    }

    @Test("myself (spec example) exposes accountId and timeZone")
    func myself() throws {
        let user = try decode(JiraUser.self, #"{"accountId":"5b10a2844c20165700ede21g","accountType":"atlassian","active":true,"displayName":"Mia Krystof","emailAddress":"mia@example.com","key":"","name":"","timeZone":"Australia/Sydney"}"#)
        #expect(user.stableIdentifier == "5b10a2844c20165700ede21g")
        #expect(user.profileTimeZone?.identifier == "Australia/Sydney")
    }

    @Test("Created issue (spec example) and resolution search page (spec example)")
    func createdAndResolutions() throws {
        let created = try decode(JiraCreatedIssue.self, #"{"id":"10000","key":"ED-24","self":"https://your-domain.atlassian.net/rest/api/3/issue/10000","transition":{"status":200,"errorCollection":{"errorMessages":[],"errors":{}}}}"#)
        #expect(created == JiraCreatedIssue(id: "10000", key: "ED-24"))
        let page = try decode(JiraOffsetPage<JiraNamedReference>.self, #"{"isLast":true,"maxResults":50,"startAt":0,"total":1,"values":[{"description":"This is what it is supposed to do.","id":"10001","isDefault":true,"name":"Works as designed"}]}"#)
        #expect(page.elements == [JiraNamedReference(id: "10001", name: "Works as designed")])
    }

    @Test("Error bodies: documented shape, spec createmeta 400 shape, and non-JSON")
    func errorBodies() throws {
        let documented = try decode(JiraErrorCollection.self, #"{"errorMessages":["Field 'priority' is required"],"errors":{"labels":"The label 'db error' contains spaces which is invalid."},"status":400}"#)
        #expect(documented.errorMessages.count == 1)
        #expect(documented.fieldErrors.keys.sorted() == ["labels"])
        #expect(documented.status == 400)
        let spec = try decode(JiraErrorCollection.self, #"{"errorMessages":["Parameter 'maxResults' must not exceed the limit '200'"],"errors":{},"httpStatusCode":{"empty":false,"present":true}}"#)
        #expect(spec.fieldErrors.isEmpty)
        #expect(spec.status == nil)
        let error = JiraAPIError.http(JiraHTTPFailure(operation: "POST /rest/api/3/issue", status: 400, errors: documented))
        #expect(error.hasFieldError("labels"))
        #expect(!error.hasFieldError("priority"))
        #expect(!error.isRetriable)
        #expect(JiraAPIError.http(JiraHTTPFailure(operation: "GET x", status: 503)).isRetriable)
        #expect(!JiraAPIError.ambiguousOutcome(operation: "POST x", cause: "timeout").isRetriable)
    }

    @Test("Rich text encodes as ADF object or wiki string, and decodes by shape")
    func richText() throws {
        let adf = JiraRichText.adf(.document([ADFNode(type: "paragraph", content: [ADFNode(type: "text", text: "你好 🎉")])]))
        let encoded = try JSONEncoder().encode(adf)
        #expect(try JSONDecoder().decode(JiraRichText.self, from: encoded) == adf)
        #expect(String(decoding: try JSONEncoder().encode(JiraRichText.wiki("h3. x")), as: UTF8.self) == #""h3. x""#)
        #expect(adf.nativeFlavor == .cloud)
    }

    @Test("Credentials never appear in descriptions")
    func redaction() {
        let basic = JiraCredentials.basic(email: "bot@example.com", apiToken: "ATATT-secret-token")
        let bearer = JiraCredentials.bearer(token: "NjQ-pat-secret")
        #expect(!"\(basic)".contains("secret"))
        #expect(!String(reflecting: bearer).contains("secret"))
        var dumped = ""
        dump(basic, to: &dumped)
        #expect(!dumped.contains("secret"))
        let configuration = JiraClientConfiguration(baseURL: "https://acme.atlassian.net", credentials: basic)
        #expect(!"\(configuration)".contains("secret"))
        #expect(basic.authorizationHeaderValue == "Basic " + Data("bot@example.com:ATATT-secret-token".utf8).base64EncodedString())
    }
}
