import ArgumentParser
import Foundation
import GuanceSimulator
import JiraSimulator
import Logging
import ProcessSupport

/// `sync-dev sim`: runs the Guance and Jira simulators on 127.0.0.1 until SIGINT/SIGTERM.
///
/// Prints `GUANCE_BASE_URL=…` and `JIRA_BASE_URL=…` as the first two lines of stdout (shell
/// syntax, so `eval` works), then the simulated credentials and the control API to stderr.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the Guance and Jira API simulators on 127.0.0.1 (development and tests).",
        discussion: """
            Both simulators are stateful and in memory. Their product APIs follow the documented \
            Guance OpenAPI and Jira REST APIs; their control APIs (act as a person, inject faults, \
            move the clock, dump state) live under /__sim/ on each base URL.
            """
    )

    @Option(help: "Address to bind both simulators to.")
    var host = "127.0.0.1"

    @Option(help: "Port of the Guance simulator (0 = any free port).")
    var guancePort = 0

    @Option(help: "Port of the Jira simulator (0 = any free port).")
    var jiraPort = 0

    @Option(help: "Jira flavour: cloud (REST v3, ADF, /search/jql) or data-center (REST v2, wiki, /search).")
    var jiraFlavour: JiraFlavourArgument = .cloud

    @Option(help: "Seconds the Jira search index lags behind writes (Cloud's eventual consistency).")
    var jiraSearchLag = 0.0

    @Option(help: "Profile time zone of the Jira sync account (JQL date literals are read in it).")
    var jiraTimeZone = "UTC"

    @Option(help: "Locale of the Jira sync account: en_US, or zh_CN for localized names (缺陷, 最高, 完成).")
    var jiraLocale = "en_US"

    @Option(help: "Workflow of the OPS project: standard (To Do, In Progress, Done) or classic (Open, In Progress, Resolved, Closed, Reopened).")
    var jiraWorkflow: JiraWorkflowArgument = .standard

    @Flag(help: "Leave statuscategorychangedate out of Jira issues (a server the docs allow; statuses are then dated by `updated`).")
    var jiraWithoutStatusCategoryChangeDate = false

    @Option(help: "How Jira answers a search naming an issue key that does not exist: named (400 naming each key, as Jira does), unnamed (400 naming none) or lenient (the key matches nothing).")
    var jiraUnknownIssueKeys: JiraUnknownIssueKeysArgument = .named

    @Option(help: "Guance requests per minute per API key before HTTP 401 throttling (0 = unlimited).")
    var guanceRequestsPerMinute = 20

    @Option(help: "Extra API keys of the simulated Guance workspace (for guance-poller's key pool; each with the per-key limit).")
    var guancePoolKeys = 0

    @Option(help: "Guance behaviour overrides as JSON, e.g. '{\"timeWindowField\":\"updateAt\",\"replyBumpsIssueUpdateAt\":true}'.")
    var guanceBehaviour: String?

    @Option(help: "Also write the two base-URL lines to this file.")
    var urlFile: String?

    @Flag(help: "Log every simulated request to stderr.")
    var verbose = false

    func validate() throws {
        guard guanceRequestsPerMinute >= 0 else { throw ValidationError("--guance-requests-per-minute must be 0 or more") }
        guard (0...9).contains(guancePoolKeys) else { throw ValidationError("--guance-pool-keys: 0 to 9") }
        guard jiraSearchLag >= 0 else { throw ValidationError("--jira-search-lag must not be negative") }
        guard TimeZone(identifier: jiraTimeZone) != nil else { throw ValidationError("unknown time zone \(jiraTimeZone)") }
        _ = try guanceOptions()
    }

    func run() async throws {
        var logger = Logger(label: "sync-dev.sim") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        let guance = GuanceSimulator(options: try guanceOptions(), logger: logger)
        let jira = JiraSimulator(options: jiraOptions(), logger: logger)
        let announcer = BaseURLAnnouncer(
            expected: 2, file: urlFile, guanceKey: GuanceSimulatedAPIKey.jiraSystem,
            poolKeys: (0..<guancePoolKeys).map { GuanceSimulatedAPIKey.pool($0 + 1) })
        // A signal cancels the simulators; one failing to bind ends the other.
        try await TerminationScope.run(logger: logger) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await guance.run { url in await announcer.announce("GUANCE_BASE_URL", url) } }
                group.addTask { try await jira.run { url in await announcer.announce("JIRA_BASE_URL", url) } }
                try await group.next()
                group.cancelAll()
            }
        }
        FileHandle.standardError.write(Data("simulators stopped\n".utf8))
    }

    private func guanceOptions() throws -> GuanceSimulatorOptions {
        var options = GuanceSimulatorOptions(host: host, port: guancePort)
        options.apiKeys += (0..<guancePoolKeys).map { GuanceSimulatedAPIKey.pool($0 + 1) }
        options.rateLimits.perKeyPerMinute = guanceRequestsPerMinute == 0 ? nil : guanceRequestsPerMinute
        if let guanceBehaviour {
            do {
                options.behaviour = try options.behaviour.applying(jsonPatch: guanceBehaviour)
            } catch {
                throw ValidationError("--guance-behaviour: \(error.message)")
            }
        }
        return options
    }

    private func jiraOptions() -> JiraSimulatorOptions {
        var options = JiraSimulatorOptions(
            flavour: jiraFlavour.flavour, host: host, port: jiraPort, searchIndexLag: .milliseconds(Int(jiraSearchLag * 1000)))
        options.statusCategoryChangeDate = !jiraWithoutStatusCategoryChangeDate
        options.unknownIssueKeys = jiraUnknownIssueKeys.value
        options.users[0].timeZone = jiraTimeZone
        options.users[0].locale = jiraLocale
        if jiraWorkflow == .classic, let ops = options.projects.firstIndex(where: { $0.key == "OPS" }) {
            options.projects[ops].workflow = .classic
        }
        return options
    }
}

/// Prints each simulator's base URL once it listens, then the usage notes once both do.
private actor BaseURLAnnouncer {
    private let expected: Int
    private let file: String?
    private let guanceKey: GuanceSimulatedAPIKey
    private let poolKeys: [GuanceSimulatedAPIKey]
    private var lines: [String] = []

    init(expected: Int, file: String?, guanceKey: GuanceSimulatedAPIKey, poolKeys: [GuanceSimulatedAPIKey]) {
        self.expected = expected
        self.file = file
        self.guanceKey = guanceKey
        self.poolKeys = poolKeys
    }

    func announce(_ name: String, _ url: URL) {
        let line = "\(name)=\(url.absoluteString)"
        lines.append(line)
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        guard lines.count == expected else { return }
        if let file {
            try? (lines.sorted().joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
        let notes = """
            Simulators are running (in memory; for development and tests). Simulated credentials, not real ones:
              Guance: DF-API-KEY \(guanceKey.secret) (key "\(guanceKey.name)", \(guanceKey.id))\(poolKeys.map { "\n              Guance pool key: \($0.secret) (\($0.id))" }.joined())
              Jira:   sync account sync@example.com / token sync-token (Cloud Basic or Data Center Bearer);
                      a human: alice@example.com / alice-token; the old script's: dataflux@example.com / dataflux-token
            Control APIs: <base URL>/__sim/… (state, reset, clock, faults, …). Stop with Ctrl-C or SIGTERM.

            """
        FileHandle.standardError.write(Data(notes.utf8))
    }
}

/// The `--jira-workflow` values.
enum JiraWorkflowArgument: String, ExpressibleByArgument, CaseIterable {
    case standard
    case classic
}

/// The `--jira-flavour` values.
enum JiraFlavourArgument: String, ExpressibleByArgument, CaseIterable {
    case cloud
    case dataCenter = "data-center"

    var flavour: JiraSimulatorOptions.Flavour {
        switch self {
        case .cloud: .cloud
        case .dataCenter: .dataCenter
        }
    }
}

/// The `--jira-unknown-issue-keys` values.
enum JiraUnknownIssueKeysArgument: String, ExpressibleByArgument, CaseIterable {
    case named
    case unnamed
    case lenient

    var value: JiraSimulatorOptions.UnknownIssueKeys {
        switch self {
        case .named: .named
        case .unnamed: .unnamed
        case .lenient: .lenient
        }
    }
}
