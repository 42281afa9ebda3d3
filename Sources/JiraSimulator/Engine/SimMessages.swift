/// Error texts in the caller's language (English or zh-CN). Clients must branch on status and keys, not on these.
struct SimMessages: Sendable {
    let chinese: Bool

    func text(_ english: String, _ chineseText: String) -> String { chinese ? chineseText : english }

    var notAuthenticated: String {
        text("You are not authenticated. Authentication required to perform this operation.", "您未通过身份验证。执行此操作需要身份验证。")
    }
    var issueNotFound: String { text("Issue does not exist or you do not have permission to see it.", "问题不存在或您无权查看。") }
    var commentNotFound: String { text("Can not find a comment for the id.", "找不到该 ID 的评论。") }
    var projectNotFound: String { text("No project could be found with the given key or id.", "找不到具有该键或 ID 的项目。") }
    var issueTypeNotFound: String { text("The issue type selected is invalid.", "所选问题类型无效。") }
    var invalidJSON: String { text("Unexpected character in the request body: invalid JSON.", "请求正文中有意外字符：JSON 无效。") }
    var unboundedJQL: String {
        text("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.", "此处不允许无限制的 JQL 查询。请在查询中添加搜索限制。")
    }
    var searchRemoved: String {
        text(
            "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
            "请求的 API 已被移除。请迁移到 /rest/api/3/search/jql API。完整的迁移指南见 https://developer.atlassian.com/changelog/#CHANGE-2046")
    }
    var tooManyProperties: String { text("Too many properties requested: at most 5 are allowed.", "请求的属性过多：最多允许 5 个。") }
    var rateLimited: String { text("Rate limit exceeded.", "超出速率限制。") }
    var commentEditForbidden: String {
        text("You do not have the permission to edit this comment.", "您没有编辑此评论的权限。")
    }
    var invalidTransition: String {
        text("Transition id is not valid for this issue in its current status.", "转换 ID 对该问题的当前状态无效。")
    }
    var resolutionRequired: String { text("Resolution is required.", "必须填写解决结果。") }
    var descriptionMustBeADF: String {
        text("Operation value must be an Atlassian Document (see the Atlassian Document Format).", "操作值必须是 Atlassian 文档（参见 Atlassian 文档格式）。")
    }
    var propertyNotFound: String { text("The property with the given key does not exist.", "具有给定键的属性不存在。") }
    var invalidPageToken: String { text("The provided next page token is invalid or expired.", "提供的下一页令牌无效或已过期。") }
    var remoteLinkObjectRequired: String { text("Remote link object url and title are required.", "远程链接对象的 url 和 title 为必填项。") }
    var notFound: String { text("The requested resource was not found.", "未找到请求的资源。") }

    func fieldRequired(_ field: String) -> String { text("Field '\(field)' is required", "字段“\(field)”为必填项") }
    func fieldNotOnScreen(_ field: String) -> String {
        text("Field '\(field)' cannot be set. It is not on the appropriate screen, or unknown.", "无法设置字段“\(field)”。它不在相应的界面上，或未知。")
    }
    func labelHasSpaces(_ label: String) -> String {
        text("The label '\(label)' contains spaces which is invalid.", "标签“\(label)”包含空格，这是无效的。")
    }
    func maxResultsTooLarge(_ limit: Int) -> String {
        text("Parameter 'maxResults' must not exceed the limit '\(limit)'", "参数“maxResults”不得超过限制“\(limit)”")
    }
    func invalidValue(_ field: String) -> String { text("Specify a valid value for \(field)", "请为 \(field) 指定有效值") }
    func unknownIssueKey(_ key: String) -> String {
        text("An issue with key '\(key)' does not exist for field 'key'.", "字段“key”的值“\(key)”对应的问题不存在。")
    }
    func jql(_ detail: String) -> String { text("Error in the JQL Query: \(detail)", "JQL 查询出错：\(detail)") }
}
