import Foundation
import Logging
import StageClients
import StageRuntime
import SyncCore
import Synchronization
import Testing

@testable import GuancePollerStage

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

/// What guance-poller reports to the budget exchange as work waiting for budget.
@Suite("guance-poller: backlog worth borrowing for")
struct BudgetBoundBacklogTests {
    @Test("work held back only by the 30-requests-a-cycle cap is not borrowed for; work beyond the pool's budget is")
    func capIsNotBudget() {
        // A pool of five keys with 80 requests left: 30 planned, 20 deferred by the cap alone.
        #expect(GuancePollerPolicy.budgetBoundBacklog(20, available: 80, planned: 30) == 0)
        // One key with 12 left: 12 planned, 20 deferred for lack of budget.
        #expect(GuancePollerPolicy.budgetBoundBacklog(20, available: 12, planned: 12) == 20)
        // Between: 35 left, 30 planned, 20 deferred: 5 more could have run now, 15 wait for budget.
        #expect(GuancePollerPolicy.budgetBoundBacklog(20, available: 35, planned: 30) == 15)
        #expect(GuancePollerPolicy.budgetBoundBacklog(0, available: 0, planned: 0) == 0)
    }
}

/// In `syncctl run` the stages after the first on a key wait for the first one's exchange to count
/// the predecessor's requests in their shared limiter.
@Suite("Budget exchange restore gate")
struct RestoreGateTests {
    @Test("waiters go on only once the gate opens; a waiter after that goes on at once")
    func opensOnce() async {
        let gate = RestoreGate()
        final class Passed: Sendable { let count = Mutex(0) }
        let passed = Passed()
        let waiters = (0..<3).map { _ in Task { await gate.wait(); passed.count.withLock { $0 += 1 } } }
        // No sleep can prove "not yet": the waiters are checked to be parked, then released.
        let deadline = ContinuousClock.now + .seconds(30)
        while gate.waiting < 3, passed.count.withLock({ $0 }) == 0, ContinuousClock.now < deadline { await Task.yield() }
        #expect(gate.waiting == 3)
        #expect(passed.count.withLock { $0 } == 0, "a waiter went on before the gate opened")
        gate.open()
        for waiter in waiters { await waiter.value }
        #expect(passed.count.withLock { $0 } == 3)
        await gate.wait()
    }
}
