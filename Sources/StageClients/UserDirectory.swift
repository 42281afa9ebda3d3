import Foundation
import GuanceAPI
import JiraAPI
import Logging
import SyncCore

/// Who is who on both sides, for assignees: the explicit pairs of `users.map` first, then — with
/// `users.matchByEmail` — a Guance member (or an e-mail assignee) and a Jira user with the same
/// e-mail address. An e-mail match counts only when Jira shows the address and it is the same
/// (Jira Cloud hides it for many users: they stay unmapped unless paired explicitly); users paired
/// explicitly are never matched to anyone else.
///
/// Lookups are cached for ``refreshInterval`` (the Guance members list costs one request of the
/// stage's budget per 100 members; a Jira user search one Jira request per address).
package actor UserDirectory {
    /// The configured pairs.
    package let mapping: UserMapping
    /// How long a member list or a Jira lookup is reused.
    package let refreshInterval: TimeInterval
    private let guance: GuanceClient?
    private let jira: JiraClient?
    private let logger: Logger
    private var members: (list: [GuanceMember], at: Date)?
    private var jiraLookups: [String: (user: JiraUser?, at: Date)] = [:]
    private var reported: Set<String> = []

    /// Creates a directory.
    /// - Parameters:
    ///   - guance: needed for e-mail matching of Guance accounts (members list).
    ///   - jira: needed to resolve Jira users (jira-writer, `--check-config`); guance-writer has none.
    package init(
        mapping: UserMapping, guance: GuanceClient?, jira: JiraClient?, logger: Logger, refreshInterval: TimeInterval = 600
    ) {
        self.mapping = mapping
        self.guance = guance
        self.jira = jira
        self.logger = logger
        self.refreshInterval = refreshInterval
    }

    // MARK: Guance → Jira

    /// The Jira user paired with a Guance assignee (`acnt_…`, `group_…` or an e-mail), `nil` when unmapped.
    package func jiraUser(forGuance value: String) async throws -> JiraUser? {
        if let pair = mapping.map.first(where: { $0.guance.lowercased() == value.lowercased() }) {
            let user = try await jiraUser(entry: pair.jira)
            if user == nil { reportOnce("map:\(pair.jira)", "users.map names a Jira user that does not exist", ["jira.user": "\(pair.jira)"]) }
            return user
        }
        guard mapping.matchByEmail else { return nil }
        let email: String?
        if value.contains("@") {
            email = value
        } else if value.hasPrefix("acnt_") {
            email = try await member(uuid: value)?.email
        } else {
            email = nil
        }
        guard let email, !email.isEmpty else { return nil }
        return try await jiraUser(email: email)
    }

    /// The Jira user of a `users.map` entry (Cloud `accountId`; Data Center name or key).
    package func jiraUser(entry: String) async throws -> JiraUser? {
        try await cachedJira("entry:\(entry)") { jira in try await jira.user(entry) }
    }

    /// The one active Jira user whose visible e-mail is `email` and who is not paired explicitly.
    private func jiraUser(email: String) async throws -> JiraUser? {
        try await cachedJira("email:\(email.lowercased())") { jira in
            let found = try await jira.findUsers(email).filter {
                $0.emailAddress?.lowercased() == email.lowercased() && $0.active != false
            }
            guard found.count == 1, let user = found.first else { return nil }
            let explicit = Set(self.mapping.map.map(\.jira))
            return user.identifiers.isDisjoint(with: explicit) ? user : nil
        }
    }

    private func cachedJira(_ key: String, _ lookup: (JiraClient) async throws -> JiraUser?) async throws -> JiraUser? {
        if let cached = jiraLookups[key], Date().timeIntervalSince(cached.at) < refreshInterval { return cached.user }
        guard let jira else { return nil }
        let user = try await lookup(jira)
        jiraLookups[key] = (user, Date())
        return user
    }

    // MARK: Jira → Guance

    /// The Guance assignee (account, team or e-mail) paired with a Jira user, `nil` when unmapped.
    package func guanceValue(forJira actor: JiraActor) async throws -> String? {
        let ids = Set([actor.id, actor.name].compactMap { $0 })
        if let pair = mapping.map.first(where: { ids.contains($0.jira) }) { return pair.guance }
        guard mapping.matchByEmail, let email = actor.emailAddress?.lowercased(), !email.isEmpty else { return nil }
        let explicit = Set(mapping.map.map { $0.guance.lowercased() })
        let found = try await activeMembers().filter { $0.email?.lowercased() == email }
        guard found.count == 1, let member = found.first,
            !explicit.contains(member.uuid.lowercased()), !explicit.contains(email)
        else { return nil }
        return member.uuid
    }

    /// The Guance value paired with a Jira user as Jira returned it (its account id, key, name, e-mail).
    package func guanceValue(forJira user: JiraUser) async throws -> String? {
        guard let id = user.stableIdentifier else { return nil }
        return try await guanceValue(forJira: JiraActor(
            id: id, displayName: user.displayName, name: user.name, emailAddress: user.emailAddress))
    }

    // MARK: Members

    /// The workspace's active members (cached).
    package func activeMembers() async throws -> [GuanceMember] {
        try await allMembers().filter(\.isActive)
    }

    /// Every workspace member, active or not (cached).
    package func allMembers() async throws -> [GuanceMember] {
        if let members, Date().timeIntervalSince(members.at) < refreshInterval { return members.list }
        guard let guance else { return [] }
        let list = try await guance.members()
        members = (list, Date())
        return list
    }

    private func member(uuid: String) async throws -> GuanceMember? {
        try await activeMembers().first { $0.uuid == uuid }
    }

    /// Active members no Jira user is paired with (explicitly, or by e-mail when matching is on).
    package func unmappedActiveMembers() async throws -> [GuanceMember] {
        var unmapped: [GuanceMember] = []
        for member in try await activeMembers() where try await jiraUser(forGuance: member.uuid) == nil {
            if let email = member.email, !email.isEmpty, try await jiraUser(forGuance: email) != nil { continue }
            unmapped.append(member)
        }
        return unmapped
    }

    // MARK: Reporting

    /// Logs once per process that `value` (a Guance assignee or a Jira user) has no partner, so the
    /// operator can add it to `users.map`; later occurrences are silent.
    package func reportUnmapped(_ value: String, side: EventOrigin, metadata: Logger.Metadata) {
        let subject = side == .guance ? "Guance assignee" : "Jira user"
        var details = metadata
        details["user"] = "\(value)"
        reportOnce("unmapped:\(side.rawValue):\(value)", "\(subject) has no partner in users.map (nothing written; logged once)", details)
    }

    private func reportOnce(_ key: String, _ message: String, _ metadata: Logger.Metadata) {
        guard reported.insert(key).inserted else { return }
        logger.warning("\(message)", metadata: metadata)
    }
}

extension JiraUser {
    /// Every id this user is known by: Cloud `accountId`, Data Center `key` and `name`.
    package var identifiers: Set<String> {
        Set([accountId, key, name].compactMap { $0 }.filter { !$0.isEmpty })
    }
}
