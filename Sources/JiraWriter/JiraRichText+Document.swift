import JiraAPI
import RichText

extension JiraRichText {
    /// The body read back as a format-neutral document (for comparisons and edits).
    package var document: RichDocument {
        switch self {
        case .adf(let node): RichDocument(adf: node)
        case .wiki(let markup): RichDocument(jiraWikiMarkup: markup)
        }
    }

    /// Whether two bodies show the same content once read back (Jira may add attributes such as
    /// ADF `localId`s, or re-serialize wiki markup, without changing what is shown).
    package func showsSameContent(as other: JiraRichText) -> Bool {
        self == other || document.normalized() == other.document.normalized()
    }
}
