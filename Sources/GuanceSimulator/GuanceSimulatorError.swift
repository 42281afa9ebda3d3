/// A failure the simulator answers with: an HTTP status plus the envelope's `errorCode` and `message`.
///
/// The same type is thrown by the in-process control API.
public struct GuanceSimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status and envelope `code`.
    public let status: Int
    /// Envelope `errorCode`.
    public let errorCode: String
    /// Envelope `message`.
    public let message: String

    /// Creates an error.
    public init(status: Int, errorCode: String, message: String) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
    }

    /// A human-readable summary.
    public var description: String { "\(status) \(errorCode): \(message)" }

    /// A request that violates the documented body schema. Guance documents no code for this; the simulator uses
    /// `ft.ParamError` with HTTP 400.
    static func invalid(_ message: String) -> GuanceSimulatorError {
        GuanceSimulatorError(status: 400, errorCode: "ft.ParamError", message: message)
    }

    /// An unknown or deleted object. Undocumented; status per ``GuanceSimulatorBehaviour/notFoundStatus``.
    static func notFound(_ what: String, status: Int) -> GuanceSimulatorError {
        GuanceSimulatorError(status: status, errorCode: "ft.NotFound", message: "\(what) not found")
    }

    /// An action the actor may not perform (e.g. editing another actor's reply): 403 `ft.NoPermission`.
    static func forbidden(_ message: String) -> GuanceSimulatorError {
        GuanceSimulatorError(status: 403, errorCode: "ft.NoPermission", message: message)
    }

    /// Documented: an unknown key is 403 `ft.InvalidAPIKey`.
    static let invalidAPIKey = GuanceSimulatorError(
        status: 403, errorCode: "ft.InvalidAPIKey", message: "invalid API key"
    )

    /// Documented: per-key throttling is HTTP 401.
    static let keyThrottled = GuanceSimulatorError(
        status: 401, errorCode: "ft.TriggerApiAkCurrentLimiting", message: "API key request rate limit exceeded"
    )

    /// Documented: per-workspace throttling is HTTP 401.
    static let workspaceThrottled = GuanceSimulatorError(
        status: 401, errorCode: "ft.TriggerApiWorkspaceCurrentLimiting",
        message: "workspace request rate limit exceeded"
    )

    /// An unknown route (`api-key/open-api.md`: `RouterNotFound` 400).
    static func routeNotFound(_ path: String) -> GuanceSimulatorError {
        GuanceSimulatorError(status: 400, errorCode: "RouterNotFound", message: "no route for \(path)")
    }
}
