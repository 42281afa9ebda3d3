import Foundation

extension SyncConfiguration {
    /// Everything semantically wrong, each with its path. Checks that need the live services (the
    /// Jira project, issue types and priorities exist) are done by the executables' `--check-config`
    /// on top of these.
    public func problems() -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        func check(_ condition: Bool, _ path: String, _ message: String) {
            if !condition { problems.append(.init(path: path, message: message)) }
        }
        check(Self.isHTTPURL(guance.baseURL), "guance.baseURL", "must be an http(s) URL")
        check(Self.isSecureEnough(guance.baseURL, allowInsecureHTTP: guance.allowInsecureHTTP), "guance.baseURL",
              Self.insecureHTTPMessage(service: "guance", credential: "the API key"))
        check(Self.isHTTPURL(guance.consoleURL), "guance.consoleURL", "must be an http(s) URL")
        check(!guance.channels.isEmpty, "guance.channels", "list at least one channel (`default` = every issue)")
        check((1...200).contains(guance.requestsPerMinute), "guance.requestsPerMinute",
              "must be 1…200 (Guance allows 20 per key and 200 per workspace)")
        let shared = guance.stageBudgets.values.reduce(0, +)
        check(shared <= guance.requestsPerMinute, "guance.stageBudgets",
              "the shares add up to \(shared) requests/min, more than guance.requestsPerMinute (\(guance.requestsPerMinute))")
        for (stage, share) in guance.stageBudgets.sorted(by: { $0.key < $1.key }) {
            check(["guance-poller", "jira-writer", "guance-writer"].contains(stage), "guance.stageBudgets.\(stage)",
                  "unknown stage (guance-poller, jira-writer, guance-writer use the Guance API)")
            check(share >= 1, "guance.stageBudgets.\(stage)", "must be at least 1")
        }
        check(guance.pollIntervalSeconds >= 1, "guance.pollIntervalSeconds", "must be at least 1")
        check(guance.overlapSeconds >= 0, "guance.overlapSeconds", "must not be negative")
        check(guance.sweepIntervalSeconds >= 1, "guance.sweepIntervalSeconds", "must be at least 1")
        if let syncFrom = guance.syncFrom {
            check(guance.syncFromDate != nil, "guance.syncFrom",
                  "not an ISO 8601 date: \(syncFrom) (e.g. 2026-11-01 or 2026-11-01T08:00:00Z)")
        }
        check(guance.preStartReplyCheckSeconds >= 0, "guance.preStartReplyCheckSeconds", "must not be negative (0 = never)")
        check(guance.replyCheckMaxSeconds >= 60, "guance.replyCheckMaxSeconds", "must be at least 60 (the first back-off step)")
        check(guance.closedReplyCheckSeconds >= 1, "guance.closedReplyCheckSeconds", "must be positive")
        check(Self.isHTTPURL(jira.baseURL), "jira.baseURL", "must be an http(s) URL")
        check(Self.isSecureEnough(jira.baseURL, allowInsecureHTTP: jira.allowInsecureHTTP), "jira.baseURL",
              Self.insecureHTTPMessage(service: "jira", credential: "the token"))
        check(["auto", "cloud", "datacenter"].contains(jira.flavor), "jira.flavor", "must be auto, cloud or datacenter")
        check(jira.pollIntervalSeconds >= 1, "jira.pollIntervalSeconds", "must be at least 1")
        check(jira.overlapMinutes >= 1, "jira.overlapMinutes", "must be at least 1 (JQL dates have minute precision)")
        check((1...3600).contains(jira.projectSweepSeconds), "jira.projectSweepSeconds",
              "must be 1…3600 (a longer sweep would reach past the versions jira-poller remembers)")
        check(!jira.propertyKey.isEmpty && jira.propertyKey.count <= 255, "jira.propertyKey", "must be 1…255 characters")
        for (index, label) in jira.labels.enumerated() {
            check(Self.isValidLabel(label), "jira.labels[\(index)]", "Jira labels cannot be empty or contain spaces")
            check(GuanceIssueLabel(parsing: label) == nil, "jira.labels[\(index)]",
                  "looks like the label of one Guance issue (guance-issue_…, issue_…); use a label of your own")
        }
        if let account = jira.migrationAccount {
            check(!account.isEmpty && account == account.trimmingCharacters(in: .whitespacesAndNewlines),
                  "jira.migrationAccount",
                  "must be the old script's Jira account: Cloud accountId, Data Center user name or key (no surrounding spaces)")
        }
        for (index, rule) in routing.rules.enumerated() {
            let path = "routing.rules[\(index)]"
            check(!rule.project.isEmpty, "\(path).project", "is required")
            check(!rule.issueType.isEmpty, "\(path).issueType", "is required (an issue type id)")
            if let pattern = rule.match.titlePattern {
                check((try? NSRegularExpression(pattern: pattern)) != nil, "\(path).match.titlePattern",
                      "is not a valid regular expression")
            }
            for (labelIndex, label) in (rule.labels ?? []).enumerated() {
                check(Self.isValidLabel(label), "\(path).labels[\(labelIndex)]", "Jira labels cannot be empty or contain spaces")
            }
        }
        check(!routing.default.project.isEmpty, "routing.default.project", "is required")
        check(!routing.default.issueType.isEmpty, "routing.default.issueType", "is required (an issue type id)")
        for (level, priority) in priorities.sorted(by: { $0.key < $1.key }) {
            check(!priority.isEmpty, "priorities.\(level)", "must be a Jira priority id")
        }
        for (path, template) in [("templates.summary", templates.summary), ("templates.description", templates.description)] {
            do {
                _ = try TextTemplate(template, allowedFields: Templates.placeholders)
            } catch {
                problems.append(.init(path: path, message: error.reason))
            }
        }
        check([20, 25].contains(policies.jiraDoneStatusType), "policies.jiraDoneStatusType", "must be 20 (Resolved) or 25 (Closed)")
        check(!policies.levelFromPriority || !priorities.isEmpty, "policies.levelFromPriority",
              "needs the priorities map (it is read backwards: Jira priority id → Guance level)")
        check(!policies.syncAssignees || !users.isEmpty, "policies.syncAssignees",
              "needs users.map or users.matchByEmail: without them no assignee can be paired")
        problems += userMappingProblems()
        return problems
    }

    /// `users.map`: every pair names a Guance account, team or e-mail and a Jira user, each once.
    private func userMappingProblems() -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        var guanceSeen: [String: Int] = [:]
        var jiraSeen: [String: Int] = [:]
        for (index, pair) in users.map.enumerated() {
            let path = "users.map[\(index)]"
            let guance = pair.guance
            if guance != guance.trimmingCharacters(in: .whitespacesAndNewlines) || guance.isEmpty
                || !(guance.hasPrefix("acnt_") || guance.hasPrefix("group_") || guance.contains("@"))
            {
                problems.append(.init(
                    path: "\(path).guance", message: "must be a Guance account (acnt_…), team (group_…) or e-mail, got \"\(guance)\""))
            }
            if pair.jira.isEmpty || pair.jira != pair.jira.trimmingCharacters(in: .whitespacesAndNewlines) {
                problems.append(.init(
                    path: "\(path).jira", message: "must be a Jira user: Cloud accountId, Data Center user name or key"))
            }
            if let first = guanceSeen[guance.lowercased()] {
                problems.append(.init(path: "\(path).guance", message: "\(guance) is already mapped by users.map[\(first)]"))
            } else {
                guanceSeen[guance.lowercased()] = index
            }
            if let first = jiraSeen[pair.jira] {
                problems.append(.init(path: "\(path).jira", message: "\(pair.jira) is already mapped by users.map[\(first)]"))
            } else {
                jiraSeen[pair.jira] = index
            }
        }
        return problems
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// Whether an API base URL keeps its credentials off the network in clear text: `https`, or
    /// `http` to a loopback host (a local simulator or sidecar), or `http` explicitly allowed.
    /// (A URL that is not http(s) at all is reported by ``isHTTPURL(_:)``.)
    static func isSecureEnough(_ text: String, allowInsecureHTTP: Bool) -> Bool {
        guard let url = URL(string: text), url.scheme?.lowercased() == "http" else { return true }
        return allowInsecureHTTP || isLoopback(host: url.host ?? "")
    }

    /// `localhost`, `127.0.0.0/8` or `::1`.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func insecureHTTPMessage(service: String, credential: String) -> String {
        "must be https: over http \(credential) crosses the network in clear text. Loopback hosts (127.0.0.1, ::1, "
            + "localhost) may use http; for a simulator elsewhere set \(service).allowInsecureHTTP: true"
    }

    private static func isValidLabel(_ label: String) -> Bool {
        !label.isEmpty && !label.contains(where: \.isWhitespace)
    }
}
