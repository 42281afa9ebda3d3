import Foundation
import GuanceAPI
import JiraAPI
import StageClients
import StageRuntime
import SyncCore

/// The `users` part of jira-writer's `--check-config` (it has both clients): every mapped user
/// exists and is active on both sides, and the active Guance members nobody is paired with are
/// reported once, as a note (not a problem: not everyone works in Jira).
struct UserMapCheck {
    let context: StageContext

    private var configuration: SyncConfiguration { context.configuration }

    /// The problems, after printing the notes to standard error.
    func problems() async -> [String] {
        var notes: [String] = []
        defer { Self.print(notes) }
        if configuration.policies.levelFromPriority {
            for (priority, levels) in PriorityMapping(priorities: configuration.priorities).ambiguousPriorities {
                notes.append(
                    "Jira priority \(priority) is mapped from \(levels.joined(separator: ", ")): a Jira change to it keeps "
                        + "a Guance level among these, else sets \(levels[0])")
            }
        }
        guard configuration.policies.syncAssignees, !configuration.users.isEmpty else { return [] }
        let jira: JiraClient
        let guance: GuanceClient
        do {
            jira = try StageClients.jira(context)
            guance = try StageClients.guance(context)
        } catch {
            return ["users: \(error)"]
        }
        let directory = UserDirectory(
            mapping: configuration.users, guance: guance, jira: jira, logger: context.logger, refreshInterval: .infinity)
        var problems: [String] = []
        do {
            let members = try await directory.allMembers()
            for (index, pair) in configuration.users.map.enumerated() {
                problems += try await pairProblems(pair, path: "users.map[\(index)]", directory: directory, members: members)
            }
            let unmapped = try await directory.unmappedActiveMembers()
            if !unmapped.isEmpty {
                let names = unmapped.map { member in
                    "\(member.name ?? member.uuid)" + (member.email.map { " <\($0)>" } ?? "") + " (\(member.uuid))"
                }
                var note = "\(unmapped.count) active Guance member\(unmapped.count == 1 ? " has" : "s have") no Jira user, "
                    + "so their assignments are not carried: \(names.joined(separator: ", "))"
                if configuration.users.matchByEmail, try await jira.flavor() == .cloud {
                    note += ". Jira Cloud hides the e-mail address of users whose profile says so, and those are never "
                        + "matched by e-mail: pair them in users.map"
                }
                notes.append(note)
            }
        } catch {
            problems.append("users: could not read the Guance members or the Jira users: \(error)")
        }
        return problems
    }

    private func pairProblems(
        _ pair: UserMapping.Pair, path: String, directory: UserDirectory, members: [GuanceMember]
    ) async throws -> [String] {
        var problems: [String] = []
        if let user = try await directory.jiraUser(entry: pair.jira) {
            if user.active == false { problems.append("\(path).jira: Jira user \(pair.jira) is inactive") }
        } else {
            problems.append("\(path).jira: no Jira user \(pair.jira) (Cloud accountId, Data Center user name or key)")
        }
        if pair.guance.hasPrefix("acnt_") {
            if let member = members.first(where: { $0.uuid == pair.guance }) {
                if !member.isActive { problems.append("\(path).guance: Guance member \(pair.guance) is disabled") }
            } else {
                problems.append("\(path).guance: no member \(pair.guance) in the Guance workspace")
            }
        }
        return problems
    }

    private static func print(_ notes: [String]) {
        for note in notes {
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
    }
}
