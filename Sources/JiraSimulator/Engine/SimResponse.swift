import Foundation

/// What the server should send back.
struct SimResponse: Sendable {
    /// How the transport should misbehave (fault injection).
    enum Transport: Sendable, Equatable {
        case normal
        /// Send headers promising a body, then close the connection.
        case dropConnection
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()
    var delay: Duration = .zero
    var transport: Transport = .normal

    static func json(_ status: Int, _ value: SimJSON, headers: [(String, String)] = []) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")] + headers, body: value.serialized())
    }

    static let noContent = SimResponse(status: 204)

    /// Jira's ErrorCollection: `{"errorMessages":[…],"errors":{…}}` (+ `status`).
    static func error(
        _ status: Int, _ messages: [String] = [], fieldErrors: [String: String] = [:], headers: [(String, String)] = []
    ) -> SimResponse {
        json(
            status,
            [
                "errorMessages": .array(messages.map(SimJSON.string)),
                "errors": .object(fieldErrors.mapValues(SimJSON.string)),
                "status": .int(status),
            ], headers: headers)
    }
}
