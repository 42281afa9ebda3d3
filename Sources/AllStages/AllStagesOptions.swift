import ArgumentParser
import StageRuntime

/// The command line of "all four stages in one process" (`syncctl run`, `sync-dev run`): the
/// stages' shared options plus which stages to run.
package struct AllStagesOptions: ParsableArguments, Sendable {
    /// The options every stage takes (configuration, brokers, HTTP port, drain timeout, `--check-config`).
    @OptionGroup package var stage: StageOptions

    /// jira-poller's webhook listener (only with a webhook secret).
    @OptionGroup package var webhook: WebhookListenerOptions

    /// The stages to run, comma-separated.
    @Option(help: "Only these stages (comma-separated): guance-poller, jira-writer, jira-poller, guance-writer.")
    package var stages = AllStages.names.joined(separator: ",")

    /// Creates options with defaults (ArgumentParser fills them).
    package init() {}

    /// The stages asked for.
    package var selected: Set<String> {
        Set(stages.split(separator: ",").map(String.init))
    }

    /// Refuses an empty or unknown stage list.
    package func validate() throws {
        let names = Set(AllStages.names)
        let wanted = stages.split(separator: ",").map(String.init)
        guard !wanted.isEmpty, wanted.allSatisfy(names.contains) else {
            throw ValidationError("--stages: a comma-separated subset of \(names.sorted().joined(separator: ", "))")
        }
    }
}
