import Foundation
import SyncOps

/// Draws a backfill's progress on stderr, on one line redrawn in place; only on a terminal.
struct BackfillProgressBar: Sendable {
    /// Whether anything is drawn.
    let enabled: Bool

    /// A bar for stderr, enabled when stderr is a terminal.
    static let standardError = BackfillProgressBar(enabled: OutputStyle.standardErrorIsTerminal)

    /// Redraws the line.
    func draw(_ progress: BackfillProgress) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Self.line(progress)).utf8))
    }

    /// Ends the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// `[#####-----]  42% 42/100 issues · page 1/1 · 43 requests (20/min) · 97 events · ETA 2m10s`
    static func line(_ progress: BackfillProgress, width: Int = 24) -> String {
        let fraction = progress.fraction ?? 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        let percent = progress.fraction.map { String(format: "%3d%%", Int(($0 * 100).rounded(.down))) } ?? "  ?%"
        let issues = "\(progress.issuesDone)/\(progress.totalIssues.map(String.init) ?? "?") issues"
        let page = "page \(progress.page)/\(progress.totalPages.map(String.init) ?? "?")"
        let requests = "\(progress.requests) requests (\(progress.budgetPerMinute)/min)"
        let eta = progress.etaSeconds.map { "ETA " + duration($0) } ?? "ETA ?"
        return "\(bar) \(percent) \(issues) · \(page) · \(requests) · \(progress.events) events · \(eta)"
    }

    /// `1h02m`, `2m10s`, `5s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total >= 3600 { return "\(total / 3600)h" + String(format: "%02dm", (total % 3600) / 60) }
        if total >= 60 { return "\(total / 60)m" + String(format: "%02ds", total % 60) }
        return "\(total)s"
    }
}
