/// The body of `POST /api/v1/issue/{uuid}/modify`. Unset optional fields are not sent; `extend` is
/// always sent and **replaces** the issue's `extend` (the docs do not say merge, and `channels: []`
/// is documented to drop channels).
///
/// Build it with ``init(preserving:)`` from a freshly fetched issue so that assignees, channels,
/// links and unknown keys are re-sent, then change only what you mean to change.
public struct GuanceIssueModification: Sendable, Hashable, Encodable {
    /// New title.
    public var name: String?
    /// New level.
    public var level: GuanceLevelReference?
    /// New description.
    public var description: String?
    /// New workflow state.
    public var statusType: GuanceStatusType?
    /// The complete `extend` to store.
    public var extend: GuanceExtend
    /// Attachment UUIDs.
    public var attachmentUuids: [String]?

    /// Creates a modification with an explicit `extend` (which replaces the issue's).
    public init(
        name: String? = nil,
        level: GuanceLevelReference? = nil,
        description: String? = nil,
        statusType: GuanceStatusType? = nil,
        extend: GuanceExtend,
        attachmentUuids: [String]? = nil
    ) {
        self.name = name
        self.level = level
        self.description = description
        self.statusType = statusType
        self.extend = extend
        self.attachmentUuids = attachmentUuids
    }

    /// A modification that changes nothing yet and re-sends the issue's whole `extend`
    /// (manager, channels, members, linkList, text and any unknown keys).
    /// - Parameters:
    ///   - issue: the issue as just fetched.
    ///   - resendingNameLevelAndDescription: also re-send the current `name`, `level` and `description`,
    ///     for deployments following an old docs version that marks them required on modify. Off by
    ///     default: newer docs mark them optional, and an unchanged description may still be logged as a change.
    public init(preserving issue: GuanceIssue, resendingNameLevelAndDescription: Bool = false) {
        self.init(extend: issue.extend)
        if resendingNameLevelAndDescription {
            name = issue.name
            level = issue.level
            description = issue.descriptionHTML
        }
    }

    /// Replaces the assignees (`extend.manager`), keeping everything else in `extend`.
    public mutating func setAssignees(_ assignees: [String]) {
        extend.manager = assignees
    }

    /// Sets the description and its plain-text copy (`extend.text`) together, so they never disagree.
    public mutating func setDescription(_ description: String, plainText: String?) {
        self.description = description
        extend.text = plainText
    }
}
