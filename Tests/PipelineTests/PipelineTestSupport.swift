import AsyncHTTPClient
import Foundation
import NIOCore
import PipelineTesting
import SimulatorControl

/// Helpers of the whole-pipeline tests (every part a separate OS process).
enum PipelineTestSupport {
    /// Polls `probe` every 250 ms until it answers non-nil or `timeout` passes.
    static func eventually<Value>(
        timeout: Duration = .seconds(120), _ probe: () async throws -> Value?
    ) async throws -> Value? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await probe()
    }

    /// Whether every Guance issue of `uuids` shows its Jira back-link (`extend.linkList`) within
    /// `timeout`. jira-writer posts back-links off the issues' lanes, after their Jira writes: an idle
    /// window ("no writes once converged") starts after them.
    static func backlinksLanded(_ control: SimulatorControl, _ uuids: [String], timeout: Duration = .seconds(300)) async throws -> Bool {
        try await eventually(timeout: timeout) { () -> Bool? in
            let issues = try await control.guanceState()["issues"] as? [[String: Any]] ?? []
            let linked = Set(issues.compactMap { issue -> String? in
                let links = (issue["extend"] as? [String: Any])?["linkList"] as? [Any] ?? []
                return links.isEmpty ? nil : issue["uuid"] as? String
            })
            return uuids.allSatisfy(linked.contains) ? true : nil
        } ?? false
    }

    /// The control client of a deployment's simulators.
    static func control(_ deployment: TestDeployment, jiraAPIVersion: String = "3") -> SimulatorControl {
        SimulatorControl(guanceURL: deployment.guanceURL, jiraURL: deployment.jiraURL, jiraAPIVersion: jiraAPIVersion)
    }

    /// GET `url` and answer the status and body.
    static func get(_ url: String) async throws -> (status: UInt, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return (response.status.code, String(buffer: body))
    }

    /// The sum of a Prometheus metric's samples whose labels contain every `labels` pair.
    static func metric(_ name: String, _ labels: [String: String] = [:], in text: String) -> Double {
        samples(name, labels, in: text).reduce(0, +)
    }

    /// The values of a Prometheus metric's samples whose labels contain every `labels` pair (empty
    /// when no such series is exposed; `nan` is a value).
    static func samples(_ name: String, _ labels: [String: String] = [:], in text: String) -> [Double] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> Double? in
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { return nil }
            let series = String(parts[0])
            guard series == name || series.hasPrefix(name + "{") else { return nil }
            for (key, value) in labels where !series.contains("\(key)=\"\(value)\"") { return nil }
            return Double(parts[1])
        }
    }

    /// Jira issues per Guance issue label, and their comments' plain text, from the Jira sim's state.
    static func jiraByLabel(_ state: [String: Any]) -> [String: [(key: String, comments: [String], category: String)]] {
        let issues = state["issues"] as? [[String: Any]] ?? []
        let comments = state["comments"] as? [[String: Any]] ?? []
        var result: [String: [(key: String, comments: [String], category: String)]] = [:]
        for issue in issues {
            let id = issue["id"] as? String
            let texts = comments.filter { $0["issueId"] as? String == id }
                .sorted { Int($0["id"] as? String ?? "0") ?? 0 < Int($1["id"] as? String ?? "0") ?? 0 }
                .map { SimulatedStageEnvironment.plainText($0["body"]) }
            for label in issue["labels"] as? [String] ?? [] where label.hasPrefix("guance-") {
                result[label, default: []].append(
                    (issue["key"] as? String ?? "", texts, issue["statusCategory"] as? String ?? ""))
            }
        }
        return result
    }
}
