import Foundation

extension GuanceClient {
    /// A decoder of the envelope's `content` as `Content`.
    static func content<Content: Decodable & Sendable>(_: Content.Type) -> @Sendable (Data) throws -> Content {
        { body in try JSONDecoder().decode(GuanceContentOnly<Content>.self, from: body).content }
    }

    /// Fetches one page of a list whose content is either `{data, pageInfo}` or an array with a
    /// top-level `pageInfo`.
    func fetchPage<Item: Decodable & Sendable>(
        _ request: GuanceRequest,
        pageIndex: Int,
        pageSize: Int,
        of type: Item.Type
    ) async throws -> GuancePage<Item> {
        let response = try await send(request, decode: Self.content(GuanceListContent<Item>.self))
        return GuancePage(
            items: response.content.items,
            pageIndex: pageIndex,
            requestedPageSize: pageSize,
            pageInfo: response.content.pageInfo ?? response.pageInfo
        )
    }
}
