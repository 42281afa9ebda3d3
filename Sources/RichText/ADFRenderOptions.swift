/// Options for rendering a ``RichDocument`` as ADF.
public struct ADFRenderOptions: Sendable, Hashable {
    /// Jira accountIds keyed by the mention id found in the source (a Guance `acnt_…` uuid).
    /// Mentions without an entry are written as plain text `@Name`, since an ADF `mention` node
    /// needs a real accountId.
    public var mentionAccountIDs: [String: String]

    /// Creates options.
    public init(mentionAccountIDs: [String: String] = [:]) {
        self.mentionAccountIDs = mentionAccountIDs
    }
}
