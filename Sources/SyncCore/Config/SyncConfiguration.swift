import Foundation

/// The pipeline's configuration file (YAML): endpoints, routing, mappings, templates and policies.
///
/// Secrets are never in this file: they come from the environment (see ``Secret``). Every field has
/// a default except `routing.default`, and ``problems()`` lists everything wrong at once, each with
/// its path, for `--check-config`. The documented example is `ops/config/sync.example.yaml`.
public struct SyncConfiguration: Sendable, Hashable {
    /// Guance side.
    public var guance: GuanceSettings
    /// Jira side.
    public var jira: JiraSettings
    /// Which Jira project and issue type each Guance issue goes to.
    public var routing: Routing
    /// Guance level id (`system_level_0`, `issl_…`) → Jira priority **id**.
    public var priorities: [String: String]
    /// Summary and description templates.
    public var templates: Templates
    /// Replies, comments, back-links, status, assignees and priorities.
    public var policies: Policies
    /// Who is who on both sides (assignees): explicit pairs, optionally e-mail matching.
    public var users: UserMapping

    /// Creates a configuration.
    public init(
        guance: GuanceSettings = .init(), jira: JiraSettings, routing: Routing, priorities: [String: String] = [:],
        templates: Templates = .init(), policies: Policies = .init(), users: UserMapping = .init()
    ) {
        self.guance = guance
        self.jira = jira
        self.routing = routing
        self.priorities = priorities
        self.templates = templates
        self.policies = policies
        self.users = users
    }

    /// Guance settings.
    public struct GuanceSettings: Sendable, Hashable {
        /// OpenAPI base URL (region or private deployment). `https` unless the host is loopback or
        /// ``allowInsecureHTTP`` is set.
        public var baseURL: String = "https://openapi.guance.com"
        /// Allows an `http://` ``baseURL`` on a host other than loopback (local simulators only:
        /// the API key would cross the network in clear text).
        public var allowInsecureHTTP: Bool = false
        /// Console URL, for links to issues.
        public var consoleURL: String = "https://console.guance.com"
        /// Channels to sync (UUIDs or names); `default` means every issue.
        public var channels: [String] = ["default"]
        /// The per-key request budget the client keeps under.
        public var requestsPerMinute: Int = 20
        /// How the per-key budget is split between the stages that share one API key (requests
        /// per minute, per process; a scaled writer's replicas split its share). Stages not
        /// listed get nothing unless they have their own key. The shares must not add up to more
        /// than ``requestsPerMinute``.
        public var stageBudgets: [String: Int] = Self.defaultStageBudgets

        /// Whether stages that share the key in separate processes lend each other the part of
        /// their share they leave unused (over `sync.budget.v1`; see `docs/runtime.md`, "Budget
        /// lending"). The shares stay what each stage is sure of.
        public var lendBudget: Bool = true

        /// The default split of 20 requests/min: most to the poller, which reads; writers write rarely.
        public static let defaultStageBudgets = ["guance-poller": 14, "jira-writer": 3, "guance-writer": 3]

        /// The requests per minute `stage` may spend: its share, or the whole budget when the
        /// split does not name it and `ownKey` says it has a key of its own.
        public func budget(forStage stage: String, ownKey: Bool = false) -> Int {
            if ownKey { return requestsPerMinute }
            return stageBudgets[stage] ?? 0
        }
        /// Whether `type: "change"` system replies are mirrored too.
        public var mirrorChangeReplies: Bool = false
        /// Seconds between polls.
        public var pollIntervalSeconds: Int = 30
        /// Seconds of overlap re-read on every poll (de-duplicated).
        public var overlapSeconds: Int = 120
        /// Seconds between sweeps: issue lists without a time window, which see changes to issues
        /// the windowed list misses (when Guance filters the window on `createAt`).
        public var sweepIntervalSeconds: Int = 600
        /// Where guance-poller's **first** start begins (ISO 8601, see ``ISO8601DateInput``): issues
        /// last created or updated before it are not synced unless they change again (history is
        /// `syncctl backfill`'s job). `nil`: the first start's time minus ``overlapSeconds``. The
        /// poller keeps the start time in its checkpoint, so later starts ignore this setting.
        public var syncFrom: String?
        /// Seconds between reads of the reply list of an **open** issue last changed before the
        /// start time (the only way to notice a reply that does not bump the issue's `updateAt`);
        /// `0` = never. Resolved issues from before the start time are never read.
        public var preStartReplyCheckSeconds: Int = 6 * 60 * 60
        /// Longest pause between two reads of a quiet **open** issue's reply list (the back-off
        /// starts at 60 s and doubles up to this): the bound on noticing a reply that does not bump
        /// the issue's `updateAt`.
        public var replyCheckMaxSeconds: Int = 30 * 60
        /// Pause between two reads of a **resolved or closed** issue's reply list (the bound on
        /// noticing a reply there that does not bump `updateAt`).
        public var closedReplyCheckSeconds: Int = 6 * 60 * 60

        /// ``syncFrom`` as a date; `nil` when unset or not a date (``SyncConfiguration/problems()``
        /// reports the latter).
        public var syncFromDate: Date? { syncFrom.flatMap(ISO8601DateInput.parse) }

        /// Creates settings with defaults.
        public init() {}
    }

    /// Jira settings.
    public struct JiraSettings: Sendable, Hashable {
        /// Site or server base URL. `https` unless the host is loopback or ``allowInsecureHTTP`` is set.
        public var baseURL: String
        /// Allows an `http://` ``baseURL`` on a host other than loopback (local simulators only:
        /// the credentials would cross the network in clear text).
        public var allowInsecureHTTP: Bool = false
        /// `auto` (ask `serverInfo`), `cloud` or `datacenter`.
        public var flavor: String = "auto"
        /// Labels put on every synced issue (besides `guance-<id>`).
        public var labels: [String] = ["guance"]
        /// The issue/comment property key carrying the sync marker.
        public var propertyKey: String = "guance.sync"
        /// Seconds between polls.
        public var pollIntervalSeconds: Int = 30
        /// Minutes of overlap re-read on every poll (JQL has minute precision; Cloud search lags).
        public var overlapMinutes: Int = 5
        /// Seconds between searches of the routed projects for linked issues the label search cannot
        /// find (a person took the first of ``labels`` off, an adopted issue never had it): such an
        /// issue's first change after that is read within this bound, later ones every poll.
        public var projectSweepSeconds: Int = 600
        /// The Jira account the old DataFlux Func script created its issues with (Cloud `accountId`,
        /// Data Center user name or key), for the migration: its issues labelled with a raw Guance
        /// issue UUID, in a routed project, are adopted. `nil`: only issues the sync's own account
        /// created are ever adopted.
        public var migrationAccount: String?

        /// Creates settings.
        public init(baseURL: String) {
            self.baseURL = baseURL
        }
    }

    /// Text templates. Placeholders: ``Templates/placeholders``.
    public struct Templates: Sendable, Hashable {
        /// The Jira summary.
        public var summary: String = "[Guance] {name}"
        /// The Jira description (plain text with the Guance description appended as rich text).
        public var description: String = "Guance issue {issueUUID} ({levelName}, {resourceType} {resource})\n{url}"

        /// Creates templates with defaults.
        public init() {}

        /// Placeholders the templates may use.
        public static let placeholders: Set<String> = [
            "name", "issueUUID", "level", "levelName", "status", "resource", "resourceType", "url", "creator", "channel",
        ]
    }

    /// Policies.
    public struct Policies: Sendable, Hashable {
        /// A Guance reply deleted: what happens to its Jira comment.
        public var guanceReplyDeleted: DeletionPolicy = .note
        /// A Jira comment deleted: what happens to its Guance reply.
        public var jiraCommentDeleted: DeletionPolicy = .note
        /// How the Jira link is posted back to Guance.
        public var backlink: BacklinkMode = .linkList
        /// Guance reopened after Jira resolved.
        public var reopen: ReopenPolicy = .reopen
        /// Guance `statusType` for a Jira issue in the `done` category: 20 (Resolved) or 25 (Closed).
        public var jiraDoneStatusType: Int = 20
        /// Who wins when both sides changed status since the last sync.
        public var conflict: ConflictRule = .mostRecent
        /// Whether assignees are kept in step both ways (Guance `extend.manager` ↔ Jira assignee,
        /// through ``SyncConfiguration/users``).
        public var syncAssignees: Bool = false
        /// What a Jira assignee does to the Guance assignees: `add` (default) or `replace`.
        public var jiraAssignee: JiraAssigneePolicy = .add
        /// Whether a Jira priority change sets the Guance level (the reverse of ``SyncConfiguration/priorities``;
        /// opt-in, since several levels may map to one priority). Level → priority is always on.
        public var levelFromPriority: Bool = false
        /// A short note on the other side when a person's assignee or priority change is carried.
        public var changeNotes: ChangeNotes = .on
        /// Guance replies written through another integration's API key: skipped or mirrored.
        public var integrationReplies: IntegrationReplyPolicy = .skip
        /// A linked Jira issue deleted by a person: `recreate` (default), `unlink` or `deadLetter`.
        public var jiraIssueDeleted: JiraIssueDeletedPolicy = .recreate

        /// Creates policies with defaults.
        public init() {}
    }
}
