import Foundation

/// Payloads shaped like the examples in the Guance OpenAPI docs (docs/guance-openapi.md).
enum Fixtures {
    /// An issue as in the newest docs: string level, integer seconds, API-key creator, full extend.
    static let issueNewStyle = #"""
    {"uuid":"issue_7b1f0001","id":108010,"name":"dcacscsc",
     "description":"<p>db down <span data-at-embedded=\"\" data-info=\"{item:{uuid:'acnt_1'}}\">@Ann</span></p>",
     "level":"system_level_2","statusType":15,"status":0,"resourceType":"viewer","resource":"APM-http://svc",
     "resourceUUID":"","subIdentify":"",
     "extend":{"manager":["acnt_1","group_2","ops@example.com"],
               "channels":[{"type":"#","uuid":"chan_9","exists":true}],
               "members":[{"type":"@","uuid":"acnt_1","exists":true}],
               "linkList":[{"name":"runbook","link":"https://example.com/rb"}],
               "text":"db down @Ann","view_isuue_url":"https://console/x","futureKey":{"a":[1,2.5,null]}},
     "creator":"wsak_abc","updator":"wsak_abc",
     "creatorInfo":{"acntWsNickname":"","email":"wsak_abc","iconUrl":"","name":"Jira System","username":"wsak_abc"},
     "createAt":1690424627,"updateAt":-1,"deleteAt":-1,"workspaceUUID":"wksp_1"}
    """#

    /// An issue as in the older list examples: integer level, float/null timestamps, unknown fields.
    static let issueOldStyle = #"""
    {"uuid":"issue_old","id":"7","name":"legacy","description":"plain text","level":2,"statusType":"30",
     "createAt":1686397319.9216194,"updateAt":null,"deleteAt":-1,"someNewField":true,"extend":{}}
    """#

    /// An envelope around an issue list page.
    static func issueListEnvelope(items: [String], pageIndex: Int, pageSize: Int, totalCount: Int, traceId: String) -> String {
        #"{"code":200,"content":{"data":["# + items.joined(separator: ",")
            + #"],"pageInfo":{"count":\#(items.count),"pageIndex":\#(pageIndex),"pageSize":\#(pageSize),"totalCount":\#(totalCount)}},"#
            + #""errorCode":"","message":"","success":true,"traceId":"\#(traceId)"}"#
    }

    /// A minimal issue with the given UUID.
    static func minimalIssue(_ uuid: String) -> String {
        #"{"uuid":"\#(uuid)","name":"n","description":"","level":"","statusType":10,"createAt":1,"updateAt":2,"deleteAt":-1,"extend":{}}"#
    }

    /// A reply list answer: content array, top-level pageInfo, numeric traceId.
    static let replyListEnvelope = #"""
    {"code":200,"content":[
      {"uuid":"repim_1","id":313186,"issueUUID":"issue_1","type":"change","content":"成员创建了Issue。",
       "extend":{"channels":[],"members":[],"linkList":[],"text":"","extra":{}},"attachmentsList":[],
       "creator":"acnt_1","updator":"acnt_1","creatorInfo":{"name":"Ann","email":"a@example.com"},
       "createAt":1690278285,"updateAt":1690278285,"latest_modify_time":1690278285,"is_modify":false,
       "status":0,"deleteAt":-1,"workspaceUUID":"wksp_1"},
      {"uuid":"repim_2","id":313187,"issueUUID":"issue_1","type":"reply","content":"看一下 👀",
       "extend":{},"createAt":1690278290.5,"updateAt":-1,"latest_modify_time":1690278300,"is_modify":true,
       "deleteAt":-1}
    ],"pageInfo":{"count":2,"pageIndex":1,"pageSize":20,"totalCount":2},
     "errorCode":"","message":"","success":true,"traceId":13848669999527981167}
    """#

    /// A reply create answer: `id` is null.
    static let replyCreateEnvelope = #"""
    {"code":200,"content":{"uuid":"repim_new","id":null,"issueUUID":"issue_1","type":"reply","content":"hi",
     "extend":{},"creator":"wsak_abc","createAt":1690278285,"updateAt":null,"deleteAt":-1},
     "errorCode":"","message":"","success":true,"traceId":"TRACE-AB12"}
    """#

    /// Channel quick_list: the default channel, a live one with a float updateAt, a deleted one.
    static let channelListEnvelope = #"""
    {"code":200,"content":[
      {"uuid":"chan_default","id":1,"name":"default","description":"","notifyTarget":[],"status":0,
       "subscribeType":"","createAt":1686397319,"updateAt":-1,"deleteAt":-1,"workspaceUUID":"wksp_1"},
      {"uuid":"chan_ops","id":2,"name":"ops","description":"d","notifyTarget":["notify_1"],"status":0,
       "createAt":1686397319,"updateAt":1686397319.9216194,"deleteAt":-1},
      {"uuid":"chan_gone","id":3,"name":"old","notifyTarget":[],"createAt":1686397319,"updateAt":1686397320,
       "deleteAt":1686397400}
    ],"errorCode":"","message":"","success":true,"traceId":"123"}
    """#

    /// Issue-level list: four system levels and one custom level.
    static let levelListEnvelope = #"""
    {"code":200,"content":[
      {"uuid":"system_level_0","name":"P0","color":"#E94444","description":"","isDefault":true},
      {"uuid":"system_level_1","name":"P1","color":"#FF7931","description":"","isDefault":true},
      {"uuid":"system_level_2","name":"P2","color":"#FFB44A","description":"","isDefault":true},
      {"uuid":"system_level_3","name":"P3","color":"#C9C9C9","description":"","isDefault":true},
      {"uuid":"issl_custom","name":"Sev-X","color":"#000000","description":"custom","isDefault":false,"id":12,"createAt":1690000000}
    ],"errorCode":"","message":"","success":true,"traceId":"TRACE-1"}
    """#

    /// Issue get: includes get-only fields.
    static let issueGetEnvelope = #"""
    {"code":200,"content":{"uuid":"issue_g","name":"g","description":"","level":"system_level_3","statusType":10,
      "attachments":[{"fileName":"a","fileSuffix":"png","uuid":"att_1"}],
      "bindChannels":[{"name":"default","uuid":"chan_default"}],
      "levelInfo":{"color":"#C9C9C9","name":"未知"},
      "managerInfos":[{"name":"team","uuid":"group_1"},{"email":"x@example.com","name":"x"}],
      "declaration":{"business":"b","organization":"o"},"extend":{},"createAt":1,"updateAt":1,"deleteAt":-1},
     "errorCode":"","message":"","success":true,"traceId":"TRACE-G"}
    """#

    /// The documented throttling answers.
    static func throttled(scope: String) -> String {
        #"{"code":401,"content":null,"errorCode":"ft.TriggerApi\#(scope)CurrentLimiting","message":"limited","success":false,"traceId":"T-401"}"#
    }

    /// The documented bad-key answer.
    static let invalidKey = #"{"code":403,"content":null,"errorCode":"ft.InvalidAPIKey","message":"bad key","success":false,"traceId":"T-403"}"#

    static func data(_ text: String) -> Data { Data(text.utf8) }
}
