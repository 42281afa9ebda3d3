import GuancePollerStage

/// The `guance-poller` executable: the stage's command line (`GuancePollerCommand`), run without crash points.
@main
enum GuancePollerMain {
    static func main() async {
        await GuancePollerCommand.main()
    }
}
