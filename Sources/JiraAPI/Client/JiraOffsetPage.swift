/// An offset-paged answer: `{startAt, maxResults, total?, isLast?, <list>:[…]}`, where the list key
/// differs by endpoint and flavour (`values`, `issueTypes`, `fields`, `comments`, `issues`).
struct JiraOffsetPage<Element: Decodable & Sendable>: Decodable, Sendable {
    var elements: [Element]
    var startAt: Int?
    var maxResults: Int?
    var total: Int?
    var isLast: Bool?

    /// List keys tried in order.
    static var listKeys: [String] { ["values", "issueTypes", "fields", "comments", "issues", "results", "createMetaIssueType"] }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var found: [Element]?
        for name in Self.listKeys where found == nil {
            let key = AnyCodingKey(name)
            if container.contains(key), let list = container.lenient([Element].self, forKey: key) {
                found = list
            }
        }
        guard let found else {
            throw DecodingError.keyNotFound(AnyCodingKey("values"), .init(codingPath: container.codingPath, debugDescription: "no list member"))
        }
        elements = found
        startAt = container.lenient(Int.self, forKey: AnyCodingKey("startAt"))
        maxResults = container.lenient(Int.self, forKey: AnyCodingKey("maxResults"))
        total = container.lenient(Int.self, forKey: AnyCodingKey("total"))
        isLast = container.lenient(Bool.self, forKey: AnyCodingKey("isLast"))
    }

    /// The cursor after this page, which was requested at `requestedStart`. The offset advances by
    /// the number of elements actually returned (servers may shrink `maxResults`).
    func nextCursor(requestedStart: Int) -> JiraPageCursor? {
        guard !elements.isEmpty, isLast != true else { return nil }
        let next = (startAt ?? requestedStart) + elements.count
        if let total, next >= total { return nil }
        if total == nil, isLast == nil, let maxResults, elements.count < maxResults { return nil }
        return .offset(next)
    }

    /// The page as the paged sequence consumes it.
    func page(requestedStart: Int) -> JiraPagedSequence<Element>.Page {
        JiraPagedSequence.Page(elements: elements, next: nextCursor(requestedStart: requestedStart))
    }
}
