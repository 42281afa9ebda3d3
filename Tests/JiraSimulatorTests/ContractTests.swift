import Foundation
import JiraSimulator
import Testing

/// Proof of fidelity: the real third-party `jira` client (pycontribs, from PyPI) against the simulator.
@Suite("Contract: pycontribs jira client against the simulator", .serialized)
struct ContractTests {
    /// The pinned client version; it calls `/rest/api/2/search/jql` on Cloud. Changing it re-creates the venv.
    static let clientVersion = "3.10.5"

    private static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("contract/pycontribs_contract.py").path
    }

    /// Created once per test process, so parallel test cases never race on the directory.
    private static let virtualenvSetup = Task { try await makeVirtualenv() }

    /// A virtualenv with `jira` installed, cached under the system temp dir by client version.
    private static func makeVirtualenv() async throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("jira-sim-contract-venv-jira-\(clientVersion)").path
        let python = directory + "/bin/python"
        let marker = directory + "/.jira-installed"
        if FileManager.default.fileExists(atPath: marker) { return python }
        try? FileManager.default.removeItem(atPath: directory)
        let created = try await ProcessRunner.run("/usr/bin/env", ["python3", "-m", "venv", directory])
        guard created.exitCode == 0 else { throw ContractSetupError("python3 -m venv failed:\n\(created.output)") }
        let installed = try await ProcessRunner.run(
            python, ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", "jira==\(clientVersion)"])
        guard installed.exitCode == 0 else {
            throw ContractSetupError(
                "pip could not install jira==\(clientVersion) from PyPI (is PyPI reachable?):\n\(installed.output)")
        }
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
        return python
    }

    @Test(
        "projects, issue types, create, comment, JQL search and transition to Done with the real client",
        .timeLimit(.minutes(5)), arguments: JiraSimulatorOptions.Flavour.allCases)
    func pycontribsClient(flavour: JiraSimulatorOptions.Flavour) async throws {
        let python = try await Self.virtualenvSetup.value
        try await SimulatorHarness.with(.test(flavour)) { sim in
            let user = sim.simulator.options.users[0]
            var environment = ProcessInfo.processInfo.environment
            environment["JIRA_SIM_URL"] = sim.baseURL.absoluteString
            environment["JIRA_SIM_FLAVOUR"] = flavour.rawValue
            environment["JIRA_SIM_EMAIL"] = user.emailAddress
            environment["JIRA_SIM_TOKEN"] = user.token
            environment["JIRA_SIM_PROJECT"] = "OPS"
            environment["NO_PROXY"] = "127.0.0.1,localhost"
            environment["no_proxy"] = "127.0.0.1,localhost"
            let outcome = try await ProcessRunner.run(python, [Self.scriptPath], environment: environment)
            #expect(outcome.exitCode == 0, "contract script failed:\n\(outcome.output)")
            for step in ["connect", "myself", "projects", "issue_types", "issuetypes", "create", "comment", "search", "transition"] {
                #expect(outcome.output.contains("STEP \(step) ok"), "missing step \(step):\n\(outcome.output)")
            }
            #expect(outcome.output.contains("CONTRACT OK \(flavour.rawValue) OPS-1"))
            if flavour == .cloud {
                #expect(sim.simulator.requestCount(containing: "/search/jql 200") >= 1)
                #expect(sim.simulator.requestCount(containing: "/rest/api/2/search 4") == 0)
            } else {
                #expect(sim.simulator.requestCount(containing: "GET /rest/api/2/search 200") >= 1)
            }
            let dump = sim.simulator.stateDump()
            let failedRoutes = (dump["requestCounts"]?.objectValue ?? [:]).keys.filter {
                ($0.split(separator: " ").last.flatMap { Int($0) } ?? 0) >= 400
            }
            #expect(failedRoutes.isEmpty, "the client got error answers: \(failedRoutes)")
            #expect(dump["issues"]?.arrayValue?.first?["statusCategory"]?.stringValue == "done")
            #expect(dump["comments"]?.arrayValue?.count == 1)
        }
    }
}

/// Why the contract test could not prepare its Python client (reported as a test failure).
struct ContractSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
