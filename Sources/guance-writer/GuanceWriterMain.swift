import GuanceWriterStage

/// The `guance-writer` executable: the stage's command line (`GuanceWriterCommand`), run without crash points.
@main
enum GuanceWriterMain {
    static func main() async {
        await GuanceWriterCommand.main()
    }
}
