/// The product-API routes the simulator implements, parsed from method and path.
enum ProductEndpoint: Sendable, Equatable {
    case issueList
    case issueGet(issueUUID: String)
    case issueAdd
    case issueModify(issueUUID: String)
    case replyList(issueUUID: String)
    case replyCreate
    case replyModify(replyUUID: String)
    case replyDelete(replyUUID: String)
    case channelQuickList
    case levelList
    case memberList
    case validate

    /// Matches `method` and `path` (without query) against the documented routes.
    init?(method: String, path: String) {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return nil }
        let route = RouteMatcher(method: method, segments: Array(segments.dropFirst(2)))
        if route.matches("POST", "issue", "list") {
            self = .issueList
        } else if route.matches("POST", "issue", "add") {
            self = .issueAdd
        } else if route.matches("POST", "issue", "reply", "create") {
            self = .replyCreate
        } else if let uuid = route.capture("GET", "issue", "reply", "*", "list") {
            self = .replyList(issueUUID: uuid)
        } else if let uuid = route.capture("POST", "issue", "reply", "*", "modify") {
            self = .replyModify(replyUUID: uuid)
        } else if let uuid = route.capture("DELETE", "issue", "reply", "*", "delete") {
            self = .replyDelete(replyUUID: uuid)
        } else if let uuid = route.capture("GET", "issue", "*", "get") {
            self = .issueGet(issueUUID: uuid)
        } else if let uuid = route.capture("POST", "issue", "*", "modify") {
            self = .issueModify(issueUUID: uuid)
        } else if route.matches("GET", "channel", "quick_list") {
            self = .channelQuickList
        } else if route.matches("GET", "issue-level", "list") {
            self = .levelList
        } else if route.matches("GET", "workspace", "members", "list") {
            self = .memberList
        } else if route.matches("GET", "validate") {
            self = .validate
        } else {
            return nil
        }
    }

    /// The route template used for request counts, e.g. `POST /api/v1/issue/{uuid}/modify`.
    var template: String {
        switch self {
        case .issueList: "POST /api/v1/issue/list"
        case .issueGet: "GET /api/v1/issue/{uuid}/get"
        case .issueAdd: "POST /api/v1/issue/add"
        case .issueModify: "POST /api/v1/issue/{uuid}/modify"
        case .replyList: "GET /api/v1/issue/reply/{uuid}/list"
        case .replyCreate: "POST /api/v1/issue/reply/create"
        case .replyModify: "POST /api/v1/issue/reply/{uuid}/modify"
        case .replyDelete: "DELETE /api/v1/issue/reply/{uuid}/delete"
        case .channelQuickList: "GET /api/v1/channel/quick_list"
        case .levelList: "GET /api/v1/issue-level/list"
        case .memberList: "GET /api/v1/workspace/members/list"
        case .validate: "GET /api/v1/validate"
        }
    }
}
