import Foundation
import PipelineTesting
import Testing

/// `sync-dev demo` as a newcomer runs it: the whole product in separate processes, a scripted
/// story, a checked summary — in both Jira flavours, and with a Chinese-locale Jira.
@Suite("sync-dev demo", .serialized)
struct DemoCommandTests {
    @Test(
        "the story converges and every summary check passes",
        arguments: [["--jira-flavour", "cloud"], ["--jira-flavour", "data-center", "--jira-locale", "zh_CN"]])
    func demoConverges(arguments: [String]) async throws {
        let demo = try ChildProcess(["demo", "--step-timeout", "90"] + arguments, executable: "sync-dev")
        let status = try await demo.waitForExit(timeout: .seconds(420))
        let output = demo.lines.joined(separator: "\n")
        #expect(status == 0, "\(output)")
        #expect(demo.lines.contains("RESULT: converged, every check passed"), "\(output)")
        let checks = demo.lines.filter { $0.hasPrefix("  [") }
        #expect(checks.count == 6 && checks.allSatisfy { $0.hasPrefix("  [ok]") }, "\(checks)")
    }
}
