import Foundation

/// The demo's terminal output: a timeline of who did what and when the other side caught up.
struct DemoPrinter: Sendable {
    let start = ContinuousClock.now
    let colour: Bool

    init() {
        colour = isatty(STDOUT_FILENO) == 1
    }

    func info(_ text: String) {
        line("     \(text)")
    }

    func act(_ side: String, _ text: String) {
        line("\(paint("▶", 36)) \(pad(side)) \(text)")
    }

    func seen(_ side: String, _ text: String) {
        line("\(paint("✓", 32)) \(pad(side)) \(text)")
    }

    func waiting(_ what: String) {
        line("  … waiting for \(what)")
    }

    func converged(after duration: Duration) {
        line("    converged in \(Self.seconds(duration))")
    }

    func line(_ text: String) {
        let elapsed = Self.seconds(ContinuousClock.now - start)
        let stamp = elapsed.padding(toLength: 7, withPad: " ", startingAt: 0)
        FileHandle.standardOutput.write(Data("[\(stamp)] \(text)\n".utf8))
    }

    private func pad(_ side: String) -> String {
        paint(side.padding(toLength: 7, withPad: " ", startingAt: 0), 1)
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1fs", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
