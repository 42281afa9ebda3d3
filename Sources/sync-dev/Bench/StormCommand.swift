import ArgumentParser
import Foundation

/// `sync-dev bench storm`: a monitor storm against the four stages at the real Guance budget.
///
/// Starts the dev broker, both simulators (Guance key limited like the real one) and the four stage
/// executables as separate processes, then plays a storm: `--issues` new Guance issues and
/// `--replies` human replies on them, spread over `--spread` seconds. It watches both simulators
/// every second and prints, per kind of change, how long it took to show on the other side
/// (p50/p95/max), API calls per synced change, throttled answers and each stage's peak memory.
struct StormCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storm",
        abstract: "A monitor storm (default: 35 issues + 13 replies in 3 min) at the real Guance budget; prints delays.",
        discussion: """
            Exit codes: 0 every Jira issue appeared within --issue-bound, every reply within --reply-bound, \
            and nothing was throttled; 1 otherwise (the stages' logs are kept); 64 bad usage. Back-links \
            may trail (jira-writer's Guance share is small): they are waited for up to --backlink-timeout \
            and reported, not judged.
            """
    )

    @Option(help: "New Guance issues in the storm.")
    var issues = 35

    @Option(help: "Human replies on the storm's issues (on the first issues, one each).")
    var replies = 13

    @Option(help: "Seconds over which the issues and replies are created.")
    var spread = 180

    @Option(help: "Requests per minute of the simulated Guance key (and guance.requestsPerMinute).")
    var guanceRequestsPerMinute = 20

    @Option(help: "Extra Guance keys of the workspace, given to guance-poller as its key pool (each at the per-key limit).")
    var poolKeys = 0

    @Option(help: "Seconds within which every Jira issue must appear.")
    var issueBound = 90

    @Option(help: "Seconds within which every reply must appear as a Jira comment.")
    var replyBound = 180

    @Option(help: "Seconds to wait for the back-links after the rest converged.")
    var backlinkTimeout = 300

    @Option(help: "Jira flavour to simulate: cloud or data-center.")
    var jiraFlavour = "cloud"

    func validate() throws {
        guard issues > 0, replies >= 0, replies <= issues else { throw ValidationError("--issues > 0, 0 ≤ --replies ≤ --issues") }
        guard spread >= 0, (1...200).contains(guanceRequestsPerMinute) else { throw ValidationError("--spread ≥ 0, --guance-requests-per-minute 1…200") }
        guard (0...9).contains(poolKeys) else { throw ValidationError("--pool-keys: 0 to 9") }
        guard ["cloud", "data-center"].contains(jiraFlavour) else { throw ValidationError("--jira-flavour: cloud or data-center") }
    }

    func run() async throws {
        let printer = DemoPrinter()
        let budget = DemoStack.Budget(
            guanceRequestsPerMinute: guanceRequestsPerMinute, stageBudgets: nil, pollIntervalSeconds: nil, poolKeys: poolKeys)
        let stack = try DemoStack(name: "storm", budget: budget)
        let plan = StormPlan(issues: issues, replies: replies, spread: .seconds(spread))
        let bounds = StormReport.Bounds(issue: .seconds(issueBound), reply: .seconds(replyBound))
        let (jiraFlavour, backlinkTimeout) = (jiraFlavour, backlinkTimeout)
        let passed = await stack.run(what: "benchmark", printer: printer) {
            printer.info("starting the dev broker, the simulators (Guance key: \(budget.guanceRequestsPerMinute)/min) and the four stages…")
            let simulators = try await stack.start(jiraFlavour: jiraFlavour, jiraLocale: "en_US", printer: printer)
            let run = StormRun(simulators: simulators, plan: plan, printer: printer)
            let observations = try await run.play(backlinkTimeout: .seconds(backlinkTimeout))
            let report = try await StormReport(
                plan: plan, budget: budget, observations: observations, simulators: simulators,
                peakMemory: StormReport.peakMemory(of: stack.stagePIDs))
            report.print(bounds: bounds)
            return report.passes(bounds)
        }
        if !passed { throw ExitCode(1) }
    }
}
