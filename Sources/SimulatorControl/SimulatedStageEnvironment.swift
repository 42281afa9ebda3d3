import Foundation

/// The environment stage processes run with against the simulators: brokers, configuration,
/// the simulated credentials (through files, as Compose secrets would be), ephemeral
/// health/metrics and webhook ports on 127.0.0.1, and JSON logs. Used by `sync-dev demo` and the end-to-end tests.
package enum SimulatedStageEnvironment {
    /// The simulated Guance API key's secret (`sync-dev sim` prints it too).
    package static let guanceKey = "1TfqACVBz0WKXLajZIlw9475RshmOQ6t"
    /// The simulated Jira sync account.
    package static let jiraEmail = "sync@example.com"
    /// The sync account's API token (Cloud) / personal access token (Data Center).
    package static let jiraToken = "sync-token"

    /// `base` plus the stage settings; writes the secret files into `directory`.
    package static func make(
        base: [String: String], bootstrap: String, configurationPath: String, directory: URL
    ) throws -> [String: String] {
        let guanceKeyFile = directory.appendingPathComponent("guance-api-key")
        let jiraTokenFile = directory.appendingPathComponent("jira-api-token")
        try guanceKey.write(to: guanceKeyFile, atomically: true, encoding: .utf8)
        try jiraToken.write(to: jiraTokenFile, atomically: true, encoding: .utf8)
        var environment = base
        environment["KAFKA_BROKERS"] = bootstrap
        environment["SYNC_CONFIG"] = configurationPath
        environment["SYNC_HTTP_PORT"] = "0"
        environment["SYNC_HTTP_HOST"] = "127.0.0.1"
        environment["SYNC_WEBHOOK_HOST"] = "127.0.0.1"
        environment["SYNC_WEBHOOK_PORT"] = "0"
        environment["SYNC_LOG_FORMAT"] = "json"
        environment["GUANCE_API_KEY_FILE"] = guanceKeyFile.path
        environment["JIRA_EMAIL"] = jiraEmail
        environment["JIRA_API_TOKEN_FILE"] = jiraTokenFile.path
        environment["JIRA_PAT_FILE"] = jiraTokenFile.path
        return environment
    }

    /// Plain text of a Jira comment or description body (an ADF document or a wiki string).
    package static func plainText(_ body: Any?) -> String {
        switch body {
        case let text as String: text
        case let object as [String: Any]:
            (object["text"] as? String ?? "") + ((object["content"] as? [Any]) ?? []).map(plainText).joined(separator: " ")
        case let array as [Any]: array.map(plainText).joined(separator: " ")
        default: ""
        }
    }
}
