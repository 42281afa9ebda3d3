import Foundation
import Logging
import StageClients
import StageRuntime
import SyncCore
import Testing

/// `syncctl run` hosts every stage in one process, where one limiter per key serves them all and
/// the first client of a key sets its budget: that budget must be the hosted stages' shares
/// together, whichever stage starts first.
@Suite("Guance budget of a process hosting several stages")
struct HostedStagesBudgetTests {
    func context(_ stage: String, hosting stages: [String]?, environment: [String: String] = [:]) throws -> StageContext {
        let yaml = """
            guance: {baseURL: "https://openapi.guance.com", stageBudgets: {guance-poller: 14, jira-writer: 3, guance-writer: 3}}
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """
        return StageContext(
            stage: stage, logger: Logger(label: "hosted-budget-tests"),
            kafka: StageKafka(brokers: ["127.0.0.1:9"], clientID: "hosted-budget-tests"),
            configuration: try SyncConfiguration.parse(yaml), environment: environment, readiness: Readiness(),
            hostedStages: stages)
    }

    @Test("alone a stage gets its share; hosted together, every stage asks for the sum (before: the first one's share for all)")
    func sharesAddUp() throws {
        #expect(try StageClients.guanceBudget(context("jira-writer", hosting: nil)) == 3)
        let all = ["guance-poller", "jira-writer", "jira-poller", "guance-writer"]
        for stage in all {
            #expect(try StageClients.guanceBudget(context(stage, hosting: all)) == 20, "\(stage) first would set the key's budget")
        }
        #expect(try StageClients.guanceBudget(context("jira-writer", hosting: ["jira-writer", "guance-writer"])) == 6)
        #expect(try StageClients.guanceBudget(context("jira-writer", hosting: all, environment: ["GUANCE_REQUESTS_PER_MINUTE": "9"])) == 9,
                "an explicit budget is the process's")
        #expect(try context("jira-writer", hosting: all).processName == "syncctl-run")
        #expect(try context("jira-writer", hosting: nil).processName == "jira-writer")
    }
}
