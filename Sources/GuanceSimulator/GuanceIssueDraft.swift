import RichText

/// The fields of a new issue, as `issue/add` (or a human/monitor through the control API) supplies them.
public struct GuanceIssueDraft: Sendable, Hashable {
    /// The title (required, ≤256 characters).
    public var name: String
    /// HTML or plain text.
    public var description: String
    /// Level UUID, or `""`.
    public var level: String
    /// `""`, `event`, `dashboard`, `viewer`; `checker` only for monitor-created issues.
    public var resourceType: String
    /// Source name.
    public var resource: String
    /// Source UUID.
    public var resourceUUID: String
    /// Initial workflow state; honoured for API writes only if ``GuanceSimulatorBehaviour/addHonoursStatusType``.
    public var statusType: Int?
    /// The `extend` object (manager, channels, members, linkList, …).
    public var extend: JSONValue
    /// Extra channels besides `default`.
    public var channelUUIDs: [String]

    /// Creates a draft.
    public init(
        name: String,
        description: String = "",
        level: String = "system_level_3",
        resourceType: String = "",
        resource: String = "",
        resourceUUID: String = "",
        statusType: Int? = nil,
        extend: JSONValue = .object([:]),
        channelUUIDs: [String] = []
    ) {
        self.name = name
        self.description = description
        self.level = level
        self.resourceType = resourceType
        self.resource = resource
        self.resourceUUID = resourceUUID
        self.statusType = statusType
        self.extend = extend
        self.channelUUIDs = channelUUIDs
    }
}

/// A change to an existing issue; `nil` fields are left as they are.
///
/// Through the product API `extend` is required and replaces the stored one whole (the documented trap);
/// through the control API a `nil` `extend` keeps it, and ``managers`` edits only `extend.manager`.
public struct GuanceIssueChange: Sendable, Hashable {
    /// New title.
    public var name: String?
    /// New description (appends a `change` reply when different).
    public var description: String?
    /// New level UUID (appends a `change` reply when different).
    public var level: String?
    /// New workflow state (appends a `change` reply when different).
    public var statusType: Int?
    /// Replacement `extend` object.
    public var extend: JSONValue?
    /// Replacement assignee list, applied to `extend.manager` after ``extend``.
    public var managers: [String]?
    /// Replacement channel list (`[]` leaves the issue only in `default`).
    public var channelUUIDs: [String]?

    /// Creates a change.
    public init(
        name: String? = nil,
        description: String? = nil,
        level: String? = nil,
        statusType: Int? = nil,
        extend: JSONValue? = nil,
        managers: [String]? = nil,
        channelUUIDs: [String]? = nil
    ) {
        self.name = name
        self.description = description
        self.level = level
        self.statusType = statusType
        self.extend = extend
        self.managers = managers
        self.channelUUIDs = channelUUIDs
    }
}
