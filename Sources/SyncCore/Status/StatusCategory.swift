/// The two states the sync keeps in agreement between a Guance issue and its Jira twin.
///
/// Guance `statusType` 20 (Resolved) and 25 (Closed) are `done`; 10 (Open), 15 (Working) and
/// 30 (Pending) are `open`. Jira's status category `done` is `done`; `new` and `indeterminate`
/// are `open`. Anything else (an unknown `statusType`, Jira's `undefined` category) has no
/// category, and its status is neither carried nor overwritten.
public enum StatusCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still being worked on.
    case open
    /// Resolved or closed.
    case done

    /// The category of a Guance `statusType`, `nil` for an unknown value.
    public init?(guanceStatusType: Int) {
        switch guanceStatusType {
        case 20, 25: self = .done
        case 10, 15, 30: self = .open
        default: return nil
        }
    }

    /// The category of a Jira status category key, `nil` for `undefined` or an unknown key.
    public init?(jiraCategoryKey: String) {
        switch jiraCategoryKey {
        case "done": self = .done
        case "new", "indeterminate": self = .open
        default: return nil
        }
    }
}
