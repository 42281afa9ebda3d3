/// How the client learns its flavour: configured up front or detected via `GET /rest/api/2/serverInfo`.
public enum JiraFlavorSelection: Sendable, Hashable {
    /// Always use this flavour; no detection call is made.
    case fixed(JiraFlavor)
    /// Ask `serverInfo` once, on first use, and cache the answer.
    case detect
}
