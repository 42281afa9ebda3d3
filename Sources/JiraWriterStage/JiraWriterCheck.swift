import Foundation
import GuanceAPI
import JiraAPI
import JiraWriter
import StageClients
import StageRuntime
import SyncCore

/// `--check-config` for jira-writer: templates parse; Jira answers with the configured credentials;
/// every routed project exists with its issue type, and the mapped priorities are allowed there;
/// the Guance key works when a back-link is configured; every user in `users.map` exists on both
/// sides (``UserMapCheck``). One message per problem.
struct JiraWriterCheck {
    let context: StageContext

    private var configuration: SyncConfiguration { context.configuration }

    func problems() async -> [String] {
        var problems: [String] = []
        do {
            _ = try JiraWriterSettings(environment: context.environment)
            _ = try JiraIssueRenderer(configuration: configuration, flavor: .cloud)
        } catch {
            problems.append("\(error)")
        }
        problems += await jiraProblems()
        problems += await guanceProblems()
        problems += await UserMapCheck(context: context).problems()
        return problems
    }

    private func jiraProblems() async -> [String] {
        let jira: JiraClient
        do {
            jira = try StageClients.jira(context)
            _ = try await jira.myself()
        } catch {
            return ["jira: \(configuration.jira.baseURL) did not accept the sync account: \(error)"]
        }
        var problems: [String] = []
        var checked: Set<Routing.Target> = []
        let targets = [(configuration.routing.default, "routing.default")]
            + configuration.routing.rules.enumerated().map { index, rule in
                let name = rule.name.map { " (\($0))" } ?? ""
                return (Routing.Target(project: rule.project, issueType: rule.issueType), "routing.rules[\(index)]\(name)")
            }
        for (target, path) in targets where checked.insert(target).inserted {
            problems += await targetProblems(jira, target: target, path: path)
        }
        return problems
    }

    private func targetProblems(_ jira: JiraClient, target: Routing.Target, path: String) async -> [String] {
        let types: [JiraIssueTypeMetadata]
        do {
            types = try await jira.issueTypes(project: target.project)
        } catch let error as JiraAPIError where error.isNotFound {
            return ["\(path): Jira project \(target.project) does not exist or the sync account cannot create issues in it"]
        } catch {
            return ["\(path): could not read the issue types of Jira project \(target.project): \(error)"]
        }
        guard types.contains(where: { $0.id == target.issueType }) else {
            let available = types.map { "\($0.id) (\($0.name ?? "?"))" }.joined(separator: ", ")
            return [
                "\(path): issue type id \(target.issueType) is not available in Jira project \(target.project) "
                    + "(available: \(available))",
            ]
        }
        guard !configuration.priorities.isEmpty else { return [] }
        let allowed: [JiraNamedReference]
        do {
            allowed = try await jira.priorities(project: target.project, issueTypeId: target.issueType)
        } catch {
            return ["\(path): could not read the priorities of \(target.project)/\(target.issueType): \(error)"]
        }
        guard !allowed.isEmpty else {
            return [
                "\(path): the priority field is not on the create screen of \(target.project)/\(target.issueType), "
                    + "but priorities are mapped",
            ]
        }
        let ids = Set(allowed.map(\.id))
        return configuration.priorities.sorted { $0.key < $1.key }.compactMap { level, priority in
            ids.contains(priority) ? nil
                : "priorities.\(level): priority id \(priority) is not allowed in \(target.project)/\(target.issueType) "
                    + "(allowed: \(ids.sorted().joined(separator: ", ")))"
        }
    }

    private func guanceProblems() async -> [String] {
        guard configuration.policies.backlink != .none else { return [] }
        do {
            try await StageClients.guance(context).validateKey()
            return []
        } catch {
            return [
                "guance: the API key does not work against \(configuration.guance.baseURL) (needed for policies.backlink): \(error)",
            ]
        }
    }
}
