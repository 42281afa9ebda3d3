import JiraPollerStage

/// The `jira-poller` executable: the stage's command line (`JiraPollerCommand`), run without crash points.
@main
enum JiraPollerMain {
    static func main() async {
        await JiraPollerCommand.main()
    }
}
