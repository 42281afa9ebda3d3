/// One authenticated product-API call after routing.
struct SimCall: Sendable {
    let request: SimRequest
    let endpoint: SimEndpoint
    /// Path parameters by name (`issue`, `commentId`, `propertyKey`, …).
    let parameters: [String: String]
    /// REST version from the path: 2 (wiki strings) or 3 (ADF); `latest` counts as 2.
    let version: Int
    let userIndex: Int
    let user: JiraSimulatorUser

    var messages: SimMessages { SimMessages(chinese: user.prefersChinese) }
    var chinese: Bool { user.prefersChinese }

    func parameter(_ name: String) -> String { parameters[name] ?? "" }
}
