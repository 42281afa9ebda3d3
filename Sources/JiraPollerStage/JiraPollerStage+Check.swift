import Foundation
import JiraAPI
import StageRuntime
import StageClients

extension JiraPollerStage {
    /// `--check-config`: the Jira credentials work, every configured project is visible to the sync
    /// account, and its profile time zone can be read (else JQL falls back to epoch milliseconds,
    /// which is reported as a problem so the operator knows).
    package static func check(_ context: StageContext) async -> [String] {
        let jira: JiraClient
        do {
            jira = try StageClients.jira(context)
        } catch {
            return ["\(error)"]
        }
        let account: JiraUser
        do {
            account = try await jira.myself()
        } catch {
            return ["Jira credentials rejected or Jira unreachable at \(context.configuration.jira.baseURL): \(error)"]
        }
        var problems: [String] = []
        if account.profileTimeZone == nil {
            problems.append(
                "the Jira sync account's profile time zone could not be read (got \(account.timeZone ?? "none"))")
        }
        let routing = context.configuration.routing
        for project in Set(routing.rules.map(\.project) + [routing.default.project]).sorted() {
            do {
                if try await jira.issueTypes(project: project).isEmpty {
                    problems.append("Jira project \(project) has no issue types visible to the sync account")
                }
            } catch {
                problems.append("Jira project \(project) is not visible to the sync account: \(error)")
            }
        }
        if problems.isEmpty {
            context.logger.info("Jira account time zone", metadata: ["jira.time_zone": "\(account.timeZone ?? "-")"])
        }
        return problems
    }
}
