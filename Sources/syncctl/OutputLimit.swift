import ArgumentParser

/// `--limit N` of the list commands.
struct OutputLimit: ParsableArguments {
    @Option(help: "Show at most this many.")
    var limit = 100

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    /// The first `limit` of `items`, and a note about the rest (`nil` when nothing was cut).
    func apply<T>(_ items: [T]) -> (shown: [T], note: String?) {
        let shown = Array(items.prefix(limit))
        let rest = items.count - shown.count
        return (shown, rest > 0 ? "… \(rest) more (raise --limit)" : nil)
    }
}
