/// The result of a remote-link upsert.
public struct JiraRemoteLinkResult: Sendable, Hashable {
    /// The link id.
    public var id: String
    /// `true` for 201 (new link), `false` for 200 (existing `globalId` updated).
    public var created: Bool
}
