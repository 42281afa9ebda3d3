import Foundation
import PipelineTesting
import Testing

/// Prometheus' "avoid missing metrics": every series the README documents exists on a stage's
/// `/metrics` from its first scrape (counters at 0, unknown gauges at NaN), with the label values
/// known in advance — so `rate()`, `increase()` and the alert rules see it before anything happened.
@Suite("Metrics from the start", .serialized)
struct StageMetricsTests {
    typealias Support = PipelineTestSupport

    /// A series a stage must expose: its name and labels it must carry.
    private struct Series: CustomStringConvertible {
        var name: String
        var labels: [String: String]
        var description: String { "\(name)\(labels.isEmpty ? "" : "\(labels.sorted { $0.key < $1.key })")" }
    }

    /// What each stage must expose on its first scrape, written from the README and the stage pages.
    private static func expected(_ stage: String) -> [Series] {
        func api(_ api: String) -> [Series] {
            [
                Series(name: "sync_api_requests_total", labels: ["api": api, "status": "error"]),
                Series(name: "sync_api_throttled_total", labels: ["api": api]),
            ]
        }
        func poller(_ topic: String, _ types: [String]) -> [Series] {
            types.map { Series(name: "sync_events_produced_total", labels: ["topic": topic, "type": $0]) } + [
                Series(name: "sync_poller_checkpoint_age_seconds", labels: [:]),
                Series(name: "sync_poller_backlog", labels: [:]),
            ]
        }
        func writer(_ topic: String, _ types: [String], reasons: [String]) -> [Series] {
            types.map { Series(name: "sync_events_consumed_total", labels: ["topic": topic, "type": $0]) }
                + reasons.map { Series(name: "sync_dead_letters_total", labels: ["reason": $0]) } + [
                    Series(name: "sync_effects_total", labels: ["effect": "noop"]),
                    Series(name: "sync_retries_total", labels: [:]),
                    Series(name: "sync_consumer_lag", labels: ["topic": topic, "partition": "0"]),
                    Series(name: "sync_consumer_lag", labels: ["topic": topic, "partition": "11"]),
                    Series(name: "sync_end_to_end_delay_seconds_bucket", labels: ["le": "+Inf"]),
                    Series(name: "sync_end_to_end_delay_seconds_count", labels: [:]),
                ]
        }
        let guanceTypes = ["guance.issue.snapshot", "guance.reply.created", "guance.reply.edited", "guance.reply.deleted"]
        let jiraTypes = [
            "jira.issue.status-changed", "jira.issue.assignee-changed", "jira.comment.created", "jira.comment.edited",
            "jira.comment.deleted",
        ]
        let loans = ["lent", "borrowed"].map { Series(name: "sync_guance_budget_loans", labels: ["direction": $0]) }
        let sweep = [Series(name: "sync_poller_sweep_pages_left", labels: [:]), Series(name: "sync_poller_sweep_age_seconds", labels: [:])]
        let series: [Series] = switch stage {
        case "guance-poller": api("guance") + loans + poller("guance.events.v1", guanceTypes) + sweep
        case "jira-poller": api("jira") + poller("jira.events.v1", jiraTypes)
        case "jira-writer":
            // The default back-link (`linkList`) makes jira-writer call Guance too.
            api("jira") + api("guance") + loans
                + writer(
                    "guance.events.v1", guanceTypes,
                    reasons: ["undecodable", "jira-rejected-field", "transition-unavailable", "issue-not-linked"])
        default:
            api("guance") + loans
                + writer("jira.events.v1", jiraTypes, reasons: ["undecodable", "guance-not-found", "unlinked"])
        }
        return series.map { Series(name: $0.name, labels: $0.labels.merging(["stage": stage]) { $1 }) }
    }

    /// The metric names the README documents (its "Metrics (Prometheus)" paragraph).
    private static func documentedNames() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let paragraph = try #require(readme.components(separatedBy: "\n\n").first { $0.hasPrefix("Metrics (Prometheus):") })
        return Set(paragraph.matches(of: /`(sync_[a-z_]+)/).map { String($0.output.1) })
    }

    @Test("each stage, a process of its own, exposes every series that applies to it on its first scrape")
    func everySeriesOnTheFirstScrape() async throws {
        let deployment = try await TestDeployment()
        let config = try deployment.writeConfiguration()
        let budgets = ["guance-poller": "14", "jira-writer": "3", "guance-writer": "3"]
        let stages = ["guance-poller", "jira-poller", "jira-writer", "guance-writer"]
        var processes: [ChildProcess] = []
        for stage in stages {
            let extra = budgets[stage].map { ["GUANCE_REQUESTS_PER_MINUTE": $0] } ?? [:]
            processes.append(try deployment.startStage(stage, configurationPath: config, extraEnvironment: extra))
        }
        var covered = Set<String>()
        for stage in stages {
            let port = try await deployment.httpPort(of: stage)
            let metrics = try await Support.get("http://127.0.0.1:\(port)/metrics").body
            for series in Self.expected(stage) {
                #expect(!Support.samples(series.name, series.labels, in: metrics).isEmpty, "\(stage) lacks \(series)")
                covered.insert(series.name.replacing(/_(bucket|count)$/, with: ""))
            }
        }
        let documented = try Self.documentedNames()
        #expect(documented.count == 14, "README metrics: \(documented.sorted())")
        #expect(documented.subtracting(covered).isEmpty, "documented but expected of no stage: \(documented.subtracting(covered))")
        // How a stage stops right after its start is the stage lifecycle's business (tested there).
        for process in processes { process.terminate() }
        for process in processes where try await process.waitForExit(timeout: .seconds(60)) == nil {
            process.kill()
        }
        await deployment.stop()
    }
}
