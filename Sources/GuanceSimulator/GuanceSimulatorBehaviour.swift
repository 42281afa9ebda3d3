/// One switch per behaviour the Guance documentation leaves open (`guance-openapi.md` §1.6, §3, §4, §8, §10).
///
/// Defaults pick the reading the docs make most likely; tests flip each switch to prove a client copes
/// with every plausible server.
public struct GuanceSimulatorBehaviour: Sendable, Hashable, Codable {
    /// Whether `DF-API-KEY` may carry the key's `wsak_…` id instead of its secret (the docs never say which is sent).
    public var acceptsKeyIDInHeader: Bool
    /// Where `issue/list` puts its results: `content.data` + `content.pageInfo` (API docs), or `content` as a
    /// plain array with a top-level `pageInfo` (what the official scripts read).
    public var issueListShape: IssueListShape
    /// Whether `issue/list` rejects a body without `channelUUID`, `startTime`, `endTime`, `pageIndex` and
    /// `pageSize` (the EN docs mark them required; zh marks every field optional).
    public var issueListRequiresAllFields: Bool
    /// Whether `issue/{uuid}/modify` rejects a body without `name`, `level` and `description` (an old zh version
    /// marks them required; newer docs mark everything but `extend` optional).
    public var modifyRequiresNameLevelDescription: Bool
    /// Which issue timestamp the `issue/list` `startTime`/`endTime` window filters on (undocumented).
    public var timeWindowField: IssueTimeField
    /// The unit of `startTime`/`endTime` (typed int, unit unstated; official scripts send seconds).
    public var timeWindowUnit: TimeWindowUnit
    /// Whether an issue stamped exactly `endTime` is inside the window (`startTime` always is; undocumented).
    public var timeWindowIncludesEnd: Bool
    /// The order of `issue/list` results (there is no sort parameter).
    public var issueListOrder: IssueListOrder
    /// Whether a new reply bumps its issue's `updateAt` (undocumented; the docs warn it may not).
    public var replyBumpsIssueUpdateAt: Bool
    /// How `level` is rendered: the level UUID string (newest docs) or the legacy integer.
    public var levelFormat: LevelFormat
    /// Whether timestamps are rendered as floats with a fractional part (one channel example does this).
    public var fractionalTimestamps: Bool
    /// How `updateAt` renders for a record never updated since creation.
    public var neverUpdatedRendering: NeverUpdatedRendering
    /// Whether statusType 15 (Working) and 25 (Closed) are accepted; older tenants know only 10/20/30.
    public var acceptsExtendedStatusTypes: Bool
    /// Whether `issue/add` honours a `statusType` in the body (undocumented; otherwise issues start Open).
    public var addHonoursStatusType: Bool
    /// Largest `pageSize` served; larger requests are clamped (and `pageInfo.pageSize` says so). `nil` = no cap.
    public var maxPageSize: Int?
    /// How several `issue/list` filters with the same key combine.
    public var repeatedFilterKeys: FilterCombination
    /// Whether issues with `deleteAt != -1` still appear in list and get.
    public var showsDeletedIssues: Bool
    /// Whether deleted replies still appear in the reply list.
    public var showsDeletedReplies: Bool
    /// Default reply-list `ordering` when the request gives none, e.g. `-createAt`.
    public var defaultReplyOrdering: String
    /// Whether only a reply's creator may delete it (editing is always creator-only, a documented UI rule).
    public var replyDeleteRequiresCreator: Bool
    /// HTTP status for an unknown or deleted UUID (docs: "no permission or object not found 403/404").
    public var notFoundStatus: Int

    /// Creates a behaviour set; every argument defaults to the most likely reading of the docs.
    public init(
        acceptsKeyIDInHeader: Bool = false,
        issueListShape: IssueListShape = .nestedData,
        issueListRequiresAllFields: Bool = false,
        modifyRequiresNameLevelDescription: Bool = false,
        timeWindowField: IssueTimeField = .createAt,
        timeWindowUnit: TimeWindowUnit = .seconds,
        timeWindowIncludesEnd: Bool = true,
        issueListOrder: IssueListOrder = .createAtDescending,
        replyBumpsIssueUpdateAt: Bool = false,
        levelFormat: LevelFormat = .uuidString,
        fractionalTimestamps: Bool = false,
        neverUpdatedRendering: NeverUpdatedRendering = .createAt,
        acceptsExtendedStatusTypes: Bool = true,
        addHonoursStatusType: Bool = false,
        maxPageSize: Int? = nil,
        repeatedFilterKeys: FilterCombination = .and,
        showsDeletedIssues: Bool = false,
        showsDeletedReplies: Bool = false,
        defaultReplyOrdering: String = "-createAt",
        replyDeleteRequiresCreator: Bool = true,
        notFoundStatus: Int = 404
    ) {
        self.acceptsKeyIDInHeader = acceptsKeyIDInHeader
        self.issueListShape = issueListShape
        self.issueListRequiresAllFields = issueListRequiresAllFields
        self.modifyRequiresNameLevelDescription = modifyRequiresNameLevelDescription
        self.timeWindowField = timeWindowField
        self.timeWindowUnit = timeWindowUnit
        self.timeWindowIncludesEnd = timeWindowIncludesEnd
        self.issueListOrder = issueListOrder
        self.replyBumpsIssueUpdateAt = replyBumpsIssueUpdateAt
        self.levelFormat = levelFormat
        self.fractionalTimestamps = fractionalTimestamps
        self.neverUpdatedRendering = neverUpdatedRendering
        self.acceptsExtendedStatusTypes = acceptsExtendedStatusTypes
        self.addHonoursStatusType = addHonoursStatusType
        self.maxPageSize = maxPageSize
        self.repeatedFilterKeys = repeatedFilterKeys
        self.showsDeletedIssues = showsDeletedIssues
        self.showsDeletedReplies = showsDeletedReplies
        self.defaultReplyOrdering = defaultReplyOrdering
        self.replyDeleteRequiresCreator = replyDeleteRequiresCreator
        self.notFoundStatus = notFoundStatus
    }

    /// Where `issue/list` puts its results.
    public enum IssueListShape: String, Sendable, Hashable, Codable, CaseIterable {
        /// `content = {data: […], pageInfo: {…}}`.
        case nestedData
        /// `content = […]`, `pageInfo` at top level.
        case plainArray
    }

    /// An issue timestamp field.
    public enum IssueTimeField: String, Sendable, Hashable, Codable, CaseIterable {
        /// Creation time.
        case createAt
        /// Last update time (creation time for never-updated issues).
        case updateAt
    }

    /// The unit of the `issue/list` time window.
    public enum TimeWindowUnit: String, Sendable, Hashable, Codable, CaseIterable {
        /// Epoch seconds.
        case seconds
        /// Epoch milliseconds.
        case milliseconds
    }

    /// The order of `issue/list` results.
    public enum IssueListOrder: String, Sendable, Hashable, Codable, CaseIterable {
        /// Newest created first (stable while paging unless issues are created).
        case createAtDescending
        /// Most recently updated first (pages shift when issues change while paging).
        case updateAtDescending
    }

    /// How `level` is rendered.
    public enum LevelFormat: String, Sendable, Hashable, Codable, CaseIterable {
        /// `"system_level_2"` / `"issl_…"`.
        case uuidString
        /// `2` for system levels (custom levels stay strings: they have no integer form).
        case legacyInteger
    }

    /// How a never-updated record's `updateAt` renders.
    public enum NeverUpdatedRendering: String, Sendable, Hashable, Codable, CaseIterable {
        /// Equal to `createAt`.
        case createAt
        /// `-1`.
        case minusOne
        /// `null`.
        case null
    }

    /// How repeated filter keys combine.
    public enum FilterCombination: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every filter must match.
        case and
        /// Filters sharing a key match if any of them matches (different keys still AND).
        case or
    }
}
