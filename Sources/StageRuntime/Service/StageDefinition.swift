/// One stage as a host runs it: its name, its `/metrics` series, its `--check-config` checks and its body.
///
/// The four stage libraries each expose one; a stage executable hosts its own, `syncctl run`
/// hosts all four in one process.
package struct StageDefinition: Sendable {
    /// The executable name (`jira-writer`, …): logger label, metrics label, client id.
    package var name: String
    /// The remote checks of `--check-config`: one message per problem.
    package var check: StageHost.Check
    /// The stage itself; runs until the process stops (``StageShutdown``), then drains and returns.
    package var body: StageHost.Body
    /// The series the stage exposes on `/metrics` from its start, given its context.
    package var series: StageHost.Series

    /// Creates a definition.
    package init(
        name: String, series: @escaping StageHost.Series, check: @escaping StageHost.Check,
        body: @escaping StageHost.Body
    ) {
        self.name = name
        self.series = series
        self.check = check
        self.body = body
    }
}
