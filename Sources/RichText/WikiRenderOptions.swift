/// Options for rendering a ``RichDocument`` as Jira wiki markup.
public struct WikiRenderOptions: Sendable, Hashable {
    /// What goes inside `[~…]` for a mention, keyed by the mention id found in the source (a
    /// Guance `acnt_…` uuid): a user name on Data Center (`jsmith`) or `accountid:…` on Cloud v2.
    /// Mentions without an entry are written as escaped plain text `@Name`.
    public var mentionUserNames: [String: String]

    /// Creates options.
    public init(mentionUserNames: [String: String] = [:]) {
        self.mentionUserNames = mentionUserNames
    }
}
