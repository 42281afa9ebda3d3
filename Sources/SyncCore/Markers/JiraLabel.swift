import RichText

/// Jira labels the sync writes: no whitespace (Jira answers 400 otherwise), at most 255 UTF-16 code
/// units, case kept (labels are case-sensitive).
package enum JiraLabel {
    /// The longest label written, in UTF-16 code units (the limit could not be confirmed in Jira's
    /// documentation, so longer labels are cut rather than risked).
    package static let limit = TextLimit(maximum: 255, unit: .utf16CodeUnits)

    /// The label marking the Jira issue of a Guance issue (or of a recurrence mark):
    /// ``GuanceIssueLabel/sync(_:)`` slugified (a no-op for Guance's `issue_<hex>` UUIDs).
    package static func guanceIssue(_ issueUUID: String) -> String {
        slug(GuanceIssueLabel.sync(issueUUID).text) ?? GuanceIssueLabel.prefix
    }

    /// The label the old DataFlux Func script put on its issues: ``GuanceIssueLabel/legacy(_:)``.
    package static func legacyGuanceIssue(_ issueUUID: String) -> String {
        GuanceIssueLabel.legacy(issueUUID).text
    }

    /// `text` as a valid label: every run of whitespace, control characters or characters outside
    /// letters, digits, `_`, `-`, `.` becomes one `-`, leading and trailing `-` are dropped, and the
    /// result is cut to ``limit``. `nil` when nothing is left.
    package static func slug(_ text: String) -> String? {
        var result = ""
        var pendingDash = false
        for character in text {
            if isKept(character) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        let cut = result.truncated(toFit: limit, marker: "")
        let trimmed = String(cut.reversed().drop(while: { $0 == "-" }).reversed())
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Slugs every label, dropping empty ones and repeats (first occurrence kept).
    package static func normalized(_ labels: [String]) -> [String] {
        var seen: Set<String> = []
        return labels.compactMap(slug).filter { seen.insert($0).inserted }
    }

    /// Letters and digits of any script, `_`, `-`, `.` and non-ASCII symbols (emoji) are kept.
    private static func isKept(_ character: Character) -> Bool {
        if character.isWhitespace { return false }
        if character.isLetter || character.isNumber || "_-.".contains(character) { return true }
        return !character.isASCII && character.isSymbol
    }
}
