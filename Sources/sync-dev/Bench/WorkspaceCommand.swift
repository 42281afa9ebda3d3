import ArgumentParser
import Foundation

/// `sync-dev bench workspace`: a workspace with months of history at the real (or a scaled) Guance
/// budget — how long changes take to cross, what they cost, memory, record sizes and restarts.
struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "A workspace with months of Guance issues (default 1,000, one key at 20/min); prints delays, calls, memory, records, restart.",
        discussion: """
            Starts the dev broker, both simulators and the four stages as separate processes on an empty \
            workspace, measures each stage's idle memory, then writes --issues issues of history (created \
            over --months months, every --open-every-th still open, the rest resolved a day after) and, \
            over --spread seconds, a mix of changes: --changes status changes re-opening resolved history \
            issues (only the sweep sees them when the list window filters on createAt), --new-issues new \
            issues with a Guance reply each, and a Jira comment on each new issue's twin. It prints the delay \
            of each kind of change to its effect (p50/p95/max), API calls per synced change, throttled answers, \
            peak and idle memory per stage, the largest record per topic, and how long each poller takes \
            after a restart to finish its first cycle. --scale multiplies the key's limit and every stage's \
            share (the planner is linear in the budget: a 20,000-issue workspace at --scale 10 behaves like \
            one of 20,000 at the real budget, ten times faster). Exit 1 when anything was throttled or a \
            change did not land within --timeout.
            """
    )

    @Option(help: "Guance issues of history (most resolved).")
    var issues = 1_000

    @Option(help: "Every Nth history issue is still open (0 = none).")
    var openEvery = 10

    @Option(help: "Months the history spans, ending a day ago.")
    var months = 3

    @Option(help: "Multiplies the Guance key's limit (20/min) and every stage's share.")
    var scale = 1

    @Option(help: "The issue field the simulated Guance filters the list window on: createAt or updateAt.")
    var windowField = "createAt"

    @Option(help: "Extra Guance keys of the workspace for guance-poller's key pool (each at the scaled per-key limit).")
    var poolKeys = 0

    @Option(help: "Resolved history issues re-opened during the run.")
    var changes = 5

    @Option(help: "New Guance issues during the run (each gets a Guance reply and a Jira comment).")
    var newIssues = 5

    @Option(help: "Open issues created right after the start (in scope: synced and their replies checked), for reply detection under load.")
    var trackedOpen = 0

    @Option(help: "Guance replies written on those open issues over --spread (one each, spread over them).")
    var trackedReplies = 0

    @Option(help: "Seconds over which the changes are made.")
    var spread = 120

    @Option(help: "Seconds to wait for every change to land.")
    var timeout = 3_600

    @Flag(inversion: .prefixedNo, help: "Restart both pollers at the end and time their first cycle.")
    var restart = true

    func validate() throws {
        guard (1...200_000).contains(issues), openEvery >= 0, (1...36).contains(months) else {
            throw ValidationError("--issues 1…200000, --open-every ≥ 0, --months 1…36")
        }
        guard scale >= 1, 20 * scale * (1 + poolKeys) <= 200 else {
            throw ValidationError("--scale ≥ 1, and the key with its pool keys (20 × scale each) within the workspace's 200/min")
        }
        guard ["createAt", "updateAt"].contains(windowField) else { throw ValidationError("--window-field: createAt or updateAt") }
        guard changes >= 0, newIssues >= 0, spread >= 0, timeout > 0, trackedOpen >= 0, trackedReplies >= 0 else {
            throw ValidationError("counts and seconds ≥ 0")
        }
        guard trackedReplies <= trackedOpen else { throw ValidationError("--tracked-replies ≤ --tracked-open") }
    }

    func run() async throws {
        let printer = DemoPrinter()
        let shares = ["guance-poller": 14 * scale, "jira-writer": 3 * scale, "guance-writer": 3 * scale]
        let budget = DemoStack.Budget(
            guanceRequestsPerMinute: 20 * scale, stageBudgets: shares, pollIntervalSeconds: nil, poolKeys: poolKeys)
        let stack = try DemoStack(name: "workspace", budget: budget)
        let plan = WorkspaceRun.Plan(
            history: issues, openEvery: openEvery, months: months, windowField: windowField, changes: changes,
            newIssues: newIssues, trackedOpen: trackedOpen, trackedReplies: trackedReplies, spread: .seconds(spread),
            timeout: .seconds(timeout), restart: restart)
        let passed = await stack.run(what: "benchmark", printer: printer) {
            printer.info("starting the dev broker, the simulators (Guance key: \(budget.guanceRequestsPerMinute)/min) and the four stages…")
            let simulators = try await stack.start(jiraFlavour: "cloud", jiraLocale: "en_US", printer: printer)
            let run = WorkspaceRun(simulators: simulators, stack: stack, plan: plan, printer: printer)
            let report = try await run.play()
            report.print(plan: plan, budget: budget, scale: scale)
            return report.passes
        }
        if !passed { throw ExitCode(1) }
    }
}
