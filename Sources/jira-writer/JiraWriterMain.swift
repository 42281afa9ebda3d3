import JiraWriterStage

/// The `jira-writer` executable: the stage's command line (`JiraWriterCommand`), run without crash points.
@main
enum JiraWriterMain {
    static func main() async {
        await JiraWriterCommand.main()
    }
}
