import ArgumentParser
import Foundation
import SimulatorControl

/// `sync-dev demo`: the whole product on one machine, no credentials, no network.
///
/// Starts the dev broker, both simulators and the four stage executables as separate processes,
/// plays a scripted story (a monitor opens a Guance issue; someone replies in Guance; a Jira user
/// comments and resolves; the problem recurs and the Guance issue reopens), shows both sides
/// converging, prints a summary with its checks, and exits 0 when every check passed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline against simulators and play a scripted story (no credentials, no network).",
        discussion: """
            Exit codes: 0 every check passed; 1 a step did not converge or a check failed (the stages' logs \
            are kept and their paths printed); 64 bad usage.
            The simulated Guance key gets 200 requests/min (20/min in production) so the story takes about a \
            minute instead of half an hour; the stages budget accordingly.
            """
    )

    @Option(help: "Jira flavour to simulate: cloud or data-center.")
    var jiraFlavour = "cloud"

    @Option(help: "Locale of the Jira sync account: en_US or zh_CN.")
    var jiraLocale = "en_US"

    @Option(help: "Seconds each step may take to converge.")
    var stepTimeout = 120

    @Flag(help: "Keep the stages' logs even when the demo succeeds.")
    var keepLogs = false

    func validate() throws {
        guard ["cloud", "data-center"].contains(jiraFlavour) else { throw ValidationError("--jira-flavour: cloud or data-center") }
        guard stepTimeout > 0 else { throw ValidationError("--step-timeout must be positive") }
    }

    func run() async throws {
        let printer = DemoPrinter()
        let stack = try DemoStack()
        let (jiraFlavour, jiraLocale, stepTimeout) = (jiraFlavour, jiraLocale, stepTimeout)
        // Ctrl-C cancels the story; the stack is stopped either way.
        let succeeded = await stack.run(what: "demo", printer: printer, keepLogs: keepLogs) {
            printer.info("starting the dev broker (in-memory Kafka), the Guance and Jira simulators and the four stages…")
            let simulators = try await stack.start(jiraFlavour: jiraFlavour, jiraLocale: jiraLocale, printer: printer)
            let story = DemoStory(simulators: simulators, printer: printer, stepTimeout: .seconds(stepTimeout))
            let outcome = try await story.play()
            let requests = try await simulators.guanceRequests()
            let summary = DemoSummary(outcome: outcome, guanceRequests: requests.total, guanceThrottled: requests.throttled)
            summary.print()
            return summary.passed
        }
        if !succeeded { throw ExitCode(1) }
    }
}
