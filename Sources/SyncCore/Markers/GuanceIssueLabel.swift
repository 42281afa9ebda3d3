public import Foundation

/// The one scheme of Jira labels naming a Guance issue, written by jira-writer and read back by
/// jira-writer's adoption and `syncctl links rebuild`.
///
/// - ``sync(_:)``: `guance-<uuid>`, on every issue the sync creates or adopts.
/// - ``recurrence(_:reopenedAtMilliseconds:)``: `guance-<uuid>-r<ms>`, on the new issue of a
///   recurrence under `policies.reopen: newIssue` (which also carries `guance-<uuid>`).
/// - ``legacy(_:)``: the raw `<uuid>`, as the old DataFlux Func script labelled its issues.
///
/// A label is a claim anyone who can edit an issue can make: it says which Guance issue an issue
/// *says* it mirrors, never that it does. Which Jira issue mirrors a Guance issue is the link
/// table's to say; a label only lets the sync find an issue to adopt, and only one whose creator
/// the sync trusts (see jira-writer's `AdoptionRule`).
///
/// Parsing is strict: Guance issue UUIDs are `issue_` followed by letters and digits (the
/// documented shape), so a routing label such as `guance-prod` is never read as a UUID and a
/// recurrence label is never read as the sync label.
public enum GuanceIssueLabel: Sendable, Hashable {
    /// `guance-<uuid>`.
    case sync(String)
    /// `guance-<uuid>-r<ms>`: the recurrence of the Guance issue reopened at `ms` (epoch milliseconds).
    case recurrence(String, reopenedAtMilliseconds: Int64)
    /// The raw `<uuid>` of the old DataFlux Func script.
    case legacy(String)

    /// What every label the sync writes for a Guance issue starts with.
    public static let prefix = "guance-"
    /// What every Guance issue UUID starts with.
    public static let issueUUIDPrefix = "issue_"
    /// What separates the UUID from the reopening time in a recurrence mark.
    static let recurrenceSeparator = "-r"

    /// The Guance issue UUID the label names.
    public var issueUUID: String {
        switch self {
        case .sync(let uuid), .recurrence(let uuid, _), .legacy(let uuid): uuid
        }
    }

    /// The label text.
    public var text: String {
        switch self {
        case .sync(let uuid): Self.prefix + uuid
        case .recurrence(let uuid, let milliseconds): Self.prefix + Self.recurrenceMark(uuid, reopenedAtMilliseconds: milliseconds)
        case .legacy(let uuid): uuid
        }
    }

    /// Reads a label; `nil` when it is none of the three shapes (e.g. `guance`, `guance-prod`).
    public init?(parsing label: String) {
        guard label.hasPrefix(Self.prefix) else {
            guard Self.isIssueUUID(label) else { return nil }
            self = .legacy(label)
            return
        }
        let rest = String(label.dropFirst(Self.prefix.count))
        if Self.isIssueUUID(rest) {
            self = .sync(rest)
            return
        }
        guard let separator = rest.range(of: Self.recurrenceSeparator, options: .backwards) else { return nil }
        let uuid = String(rest[..<separator.lowerBound])
        let digits = rest[separator.upperBound...]
        guard Self.isIssueUUID(uuid), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let milliseconds = Int64(digits)
        else { return nil }
        self = .recurrence(uuid, reopenedAtMilliseconds: milliseconds)
    }

    /// The labels among `labels` that follow the scheme, in their order.
    public static func parse(_ labels: [String]) -> [GuanceIssueLabel] {
        labels.compactMap(GuanceIssueLabel.init(parsing:))
    }

    /// The mark of a recurrence (`<uuid>-r<ms>`): what a recurrence issue is searched, labelled and
    /// intended by, in place of the UUID.
    public static func recurrenceMark(_ issueUUID: String, reopenedAtMilliseconds milliseconds: Int64) -> String {
        issueUUID + recurrenceSeparator + String(milliseconds)
    }

    /// The mark of a recurrence reopened at `reopenedAt`.
    public static func recurrenceMark(_ issueUUID: String, reopenedAt: Date) -> String {
        recurrenceMark(issueUUID, reopenedAtMilliseconds: reopenedAt.epochMilliseconds)
    }

    /// Whether `text` has the shape of a Guance issue UUID: `issue_` and one or more ASCII letters or digits.
    public static func isIssueUUID(_ text: String) -> Bool {
        guard text.hasPrefix(issueUUIDPrefix) else { return false }
        let body = text.dropFirst(issueUUIDPrefix.count)
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
