/// A list's `content`, in either documented shape: `{data:[…], pageInfo:{…}}` (issue list) or a
/// plain array (reply list with top-level `pageInfo`; also what the official scripts assume for issue list).
struct GuanceListContent<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]
    var pageInfo: GuancePageInfo?

    private enum CodingKeys: String, CodingKey {
        case data, pageInfo
    }

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [Item] = []
            while !array.isAtEnd { items.append(try array.decode(Item.self)) }
            self.items = items
            self.pageInfo = nil
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([Item].self, forKey: .data) ?? []
        pageInfo = container.lenient(GuancePageInfo.self, .pageInfo)
    }
}

/// The envelope's `content` member alone, decoded as `Content`.
struct GuanceContentOnly<Content: Decodable & Sendable>: Decodable, Sendable {
    var content: Content
}
