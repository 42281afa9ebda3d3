/// An inline element of a paragraph, heading or list item.
public enum RichInline: Sendable, Hashable {
    /// A run of characters sharing one style.
    case text(String, RichTextStyle)
    /// A forced line break inside a block.
    case hardBreak
    /// A mention of a person. `displayName` has no leading `@`; `id` is the source system's
    /// identifier (a Guance `acnt_…` uuid, a Jira accountId or user name) when known.
    case mention(displayName: String, id: String?)

    /// A run of unstyled characters.
    public static func plain(_ text: String) -> RichInline {
        .text(text, RichTextStyle())
    }

    /// `true` for a text run with no characters.
    public var isEmpty: Bool {
        if case .text(let text, _) = self { return text.isEmpty }
        return false
    }
}

/// The marks on a text run.
public struct RichTextStyle: Sendable, Hashable {
    /// Strong emphasis (`<strong>`, ADF `strong`, wiki `*…*`).
    public var isBold: Bool
    /// Emphasis (`<em>`, ADF `em`, wiki `_…_`).
    public var isItalic: Bool
    /// Inline code (`<code>`, ADF `code`, wiki `{{…}}`).
    public var isCode: Bool
    /// Strike-through (`<s>`, ADF `strike`, wiki `-…-`).
    public var isStrike: Bool
    /// The link target when the run is a hyperlink.
    public var link: String?

    /// Creates a style; every mark is off by default.
    public init(
        isBold: Bool = false,
        isItalic: Bool = false,
        isCode: Bool = false,
        isStrike: Bool = false,
        link: String? = nil
    ) {
        self.isBold = isBold
        self.isItalic = isItalic
        self.isCode = isCode
        self.isStrike = isStrike
        self.link = link
    }

    /// `true` when no mark is set.
    public var isPlain: Bool {
        self == RichTextStyle()
    }
}
