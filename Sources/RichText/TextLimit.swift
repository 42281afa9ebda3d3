/// A maximum length of a text field together with the unit the service counts it in.
///
/// Jira is a Java application and validates with `String.length()`, which counts **UTF-16
/// code units** (an emoji outside the BMP counts 2, a flag 4, a family ZWJ sequence up to 11).
/// Counting UTF-16 is also safe for services that count Unicode scalars (Python `len`), because
/// a string never has more scalars than UTF-16 code units. Guance's storage for reply `content`
/// (≤ 65 535) is undocumented; 65 535 is the byte size of a MySQL `TEXT` column, so that limit
/// counts **UTF-8 bytes**, the most conservative unit.
public struct TextLimit: Sendable, Hashable {
    /// A unit in which a length is measured.
    public enum Unit: Sendable, Hashable {
        /// UTF-16 code units (Java/JavaScript `length`).
        case utf16CodeUnits
        /// Unicode scalars (Python `len`).
        case unicodeScalars
        /// UTF-8 bytes (MySQL byte limits).
        case utf8Bytes
        /// User-perceived characters (grapheme clusters).
        case characters
    }

    /// The largest allowed length.
    public var maximum: Int
    /// The unit `maximum` is expressed in.
    public var unit: Unit

    /// Creates a limit.
    public init(maximum: Int, unit: Unit) {
        self.maximum = maximum
        self.unit = unit
    }

    /// Jira issue `summary`: 255, counted in UTF-16 code units.
    public static let jiraSummary = TextLimit(maximum: 255, unit: .utf16CodeUnits)
    /// Jira `description` and other multi-line text fields: 32 767 UTF-16 code units.
    public static let jiraDescription = TextLimit(maximum: 32_767, unit: .utf16CodeUnits)
    /// Jira comment `body`: 32 767 UTF-16 code units.
    public static let jiraComment = TextLimit(maximum: 32_767, unit: .utf16CodeUnits)
    /// Guance reply `content`: 65 535, counted conservatively in UTF-8 bytes.
    public static let guanceReplyContent = TextLimit(maximum: 65_535, unit: .utf8Bytes)
    /// Guance issue `name`: 256, counted in UTF-16 code units (at least as strict as scalars).
    public static let guanceIssueName = TextLimit(maximum: 256, unit: .utf16CodeUnits)

    /// The length of `text` in this limit's unit.
    public func length(of text: some StringProtocol) -> Int {
        switch unit {
        case .utf16CodeUnits: return text.utf16.count
        case .unicodeScalars: return text.unicodeScalars.count
        case .utf8Bytes: return text.utf8.count
        case .characters: return text.count
        }
    }

    /// The length of one character in this limit's unit.
    func length(of character: Character) -> Int {
        switch unit {
        case .utf16CodeUnits: return character.utf16.count
        case .unicodeScalars: return character.unicodeScalars.count
        case .utf8Bytes: return character.utf8.count
        case .characters: return 1
        }
    }

    /// `true` when `text` is within the limit.
    public func allows(_ text: some StringProtocol) -> Bool {
        length(of: text) <= maximum
    }
}

/// The visible markers appended to text cut to fit a limit.
public enum TruncationMarker {
    /// Appended to a Jira description or comment cut short.
    public static let fullTextInGuance = "… [truncated by guance-jira-sync; full text in Guance]"
    /// Appended to a Guance reply cut short.
    public static let fullTextInJira = "… [truncated by guance-jira-sync; full text in Jira]"
    /// Appended to a one-line field (summary, name) cut short.
    public static let ellipsis = "…"
}
