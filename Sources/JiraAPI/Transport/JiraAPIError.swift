public import APICore

/// Every failure the Jira client reports: what went wrong (``kind``) plus the surface both API
/// clients share (`APIError`, like `GuanceAPIError`). Descriptions never contain credentials.
///
/// Make one with the static constructors named after the kinds (`.http(failure)`,
/// `.ambiguousOutcome(operation:cause:)` …); branch on ``kind``.
public struct JiraAPIError: APIError {
    /// What went wrong.
    public var kind: Kind

    /// Creates an error of `kind`.
    public init(_ kind: Kind) {
        self.kind = kind
    }
}

extension JiraAPIError {
    /// The kinds of Jira failure.
    public enum Kind: Sendable {
        /// Jira answered with a non-success status.
        case http(JiraHTTPFailure)
        /// A non-idempotent write (create issue, add comment) failed in a way that leaves its effect
        /// unknown (timeout, dropped connection, 5xx, unreadable success body). Jira has no idempotency
        /// key: look for the write (label search, comment property) before trying again.
        case ambiguousOutcome(operation: String, cause: String)
        /// The request could not be exchanged (connect failure, timeout, dropped connection) and is known
        /// not to have changed anything, or is safe to repeat.
        case transport(operation: String, cause: String)
        /// A success status came with a body that could not be decoded.
        case malformedResponse(operation: String, status: Int, cause: String)
        /// No transition available from the issue's current status leads to the requested category.
        case noTransitionToCategory(issue: String, category: String, reachableCategories: [String])
        /// A body in the wrong representation for the flavour (ADF to Data Center, wiki to Cloud v3).
        case richTextMismatch(flavor: JiraFlavor)
        /// The caller asked for something the API does not allow (e.g. more than 50 reconcile ids).
        case invalidRequest(String)
        /// Data Center fallback: the issue **was created** but setting its properties afterwards failed.
        /// Do not create it again; set the properties later (the PUT is idempotent).
        case createdWithoutProperties(JiraCreatedIssue, cause: String)
    }

    /// Jira answered with a non-success status.
    public static func http(_ failure: JiraHTTPFailure) -> Self { Self(.http(failure)) }

    /// The effect of a non-idempotent write is unknown.
    public static func ambiguousOutcome(operation: String, cause: String) -> Self {
        Self(.ambiguousOutcome(operation: operation, cause: cause))
    }

    /// The request could not be exchanged and changed nothing.
    public static func transport(operation: String, cause: String) -> Self {
        Self(.transport(operation: operation, cause: cause))
    }

    /// A success status with an undecodable body.
    public static func malformedResponse(operation: String, status: Int, cause: String) -> Self {
        Self(.malformedResponse(operation: operation, status: status, cause: cause))
    }

    /// No transition leads to the requested category.
    public static func noTransitionToCategory(issue: String, category: String, reachableCategories: [String]) -> Self {
        Self(.noTransitionToCategory(issue: issue, category: category, reachableCategories: reachableCategories))
    }

    /// A body in the wrong representation for the flavour.
    public static func richTextMismatch(flavor: JiraFlavor) -> Self { Self(.richTextMismatch(flavor: flavor)) }

    /// A request the API does not allow.
    public static func invalidRequest(_ reason: String) -> Self { Self(.invalidRequest(reason)) }

    /// The issue was created, its properties were not set.
    public static func createdWithoutProperties(_ created: JiraCreatedIssue, cause: String) -> Self {
        Self(.createdWithoutProperties(created, cause: cause))
    }
}

extension JiraAPIError {
    /// The call's operation name (e.g. `createIssue`), or what the kind concerns.
    public var endpoint: String {
        switch kind {
        case .http(let failure): failure.operation
        case .ambiguousOutcome(let operation, _), .transport(let operation, _), .malformedResponse(let operation, _, _): operation
        case .noTransitionToCategory(let issue, _, _): "transition \(issue)"
        case .richTextMismatch: "rich text"
        case .invalidRequest: "request"
        case .createdWithoutProperties(let created, _): "properties of \(created.key)"
        }
    }

    /// The HTTP status, for `.http` failures.
    public var httpStatus: Int? {
        if case .http(let failure) = kind { return failure.status }
        return nil
    }

    /// Jira's `ErrorCollection`, for `.http` failures.
    public var errorCollection: JiraErrorCollection? {
        if case .http(let failure) = kind { return failure.errors }
        return nil
    }

    /// Rate-limit information of a 429 (or a 503 with `Retry-After`).
    public var rateLimit: JiraRateLimitInfo? {
        if case .http(let failure) = kind { return failure.rateLimit }
        return nil
    }

    /// Whether Jira reported an error for this field id (e.g. `labels`, `priority`, `properties`).
    public func hasFieldError(_ fieldKey: String) -> Bool {
        errorCollection?.fieldErrors[fieldKey] != nil
    }

    /// Whether this is a 429.
    public var isThrottled: Bool { httpStatus == 429 }

    /// Whether this is a 404.
    public var isNotFound: Bool { httpStatus == 404 }

    /// Whether the effect of a write is unknown and the caller must dedupe before retrying.
    public var isOutcomeUnknown: Bool {
        if case .ambiguousOutcome = kind { return true }
        return false
    }

    /// The wait Jira asked for (`Retry-After`, or until a quota's reset).
    public var retryAfter: Duration? { rateLimit?.retryAfter }

    /// Whether repeating the same call later may succeed without any change by the caller
    /// (429, 408, 5xx, transport failures, unreadable bodies). Ambiguous writes are not retriable as
    /// such: they need a dedupe check first.
    public var isRetriable: Bool {
        switch kind {
        case .http(let failure):
            failure.status == 429 || failure.status == 408 || (500...599).contains(failure.status)
        case .transport, .malformedResponse:
            true
        case .ambiguousOutcome, .noTransitionToCategory, .richTextMismatch, .invalidRequest, .createdWithoutProperties:
            false
        }
    }
}

extension JiraAPIError {
    /// A readable summary (Jira's messages are included; they may be localized).
    public var description: String {
        switch kind {
        case .http(let failure):
            var text = "Jira \(failure.operation) failed with HTTP \(failure.status)"
            if !failure.errors.errorMessages.isEmpty {
                text += ": " + failure.errors.errorMessages.joined(separator: "; ")
            }
            if !failure.errors.fieldErrors.isEmpty {
                text += " fields: " + failure.errors.fieldErrors.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            }
            if let reason = failure.rateLimit?.reason { text += " (rate limit: \(reason))" }
            return text
        case .ambiguousOutcome(let operation, let cause):
            return "Jira \(operation) may or may not have been applied (\(cause)); dedupe before retrying"
        case .transport(let operation, let cause):
            return "Jira \(operation) could not be exchanged: \(cause)"
        case .malformedResponse(let operation, let status, let cause):
            return "Jira \(operation) answered HTTP \(status) with an unreadable body: \(cause)"
        case .noTransitionToCategory(let issue, let category, let reachable):
            return "No transition of \(issue) leads to status category '\(category)' (reachable: \(reachable.joined(separator: ", ")))"
        case .richTextMismatch(let flavor):
            return "Rich text in the wrong representation for Jira \(flavor) (Cloud v3 needs ADF, Data Center needs wiki markup)"
        case .invalidRequest(let reason):
            return "Invalid Jira request: \(reason)"
        case .createdWithoutProperties(let created, let cause):
            return "Jira issue \(created.key) was created but its properties could not be set: \(cause)"
        }
    }
}
