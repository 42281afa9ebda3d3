import Foundation

/// A record of `sync.budget.v1`: what one user of a Guance key tells the others of that key.
///
/// Three kinds, told apart by the record key: a ``BudgetRecord/Usage`` (`usage/<key>/<participant>`:
/// when the requests of the current window were sent), a ``BudgetRecord/State``
/// (`state/<key>/<participant>`, every few seconds: what it could lend and what it wants) and a
/// ``BudgetRecord/Loan`` (`loan/<key>/<id>`: requests lent to one participant until an instant).
/// `<key>` is the API key's fingerprint (``GuanceAPIKey/fingerprint``), never the key.
enum BudgetRecord: Sendable, Hashable {
    case state(State)
    case loan(Loan)
    case usage(Usage)

    /// The requests one process sent with one key in the current window (`usage/<key>/<participant>`):
    /// a restarted process of the same stage counts them as its own.
    struct Usage: Codable, Sendable, Hashable {
        /// The key's fingerprint.
        var key: String
        /// The process (`<stage>@<host>#<random>`), its stage and host.
        var participant: String
        var stage: String
        var host: String
        /// When it reported, seconds since 1970 on its host.
        var at: Double
        /// When each request of the window was sent, seconds since 1970 on its host.
        var requests: [Double]
    }

    /// A participant's budget as it last reported it.
    struct State: Codable, Sendable, Hashable {
        /// The key's fingerprint.
        var key: String
        /// `<stage>@<host>#<random>`: one process's use of the key.
        var participant: String
        /// The stage (`guance-poller`, …).
        var stage: String
        /// Lower is served first (``BudgetLendingPlanner/priority(ofStage:)``).
        var priority: Int
        /// Requests it could lend now.
        var idle: Int
        /// Requests it wants beyond its own budget.
        var wanted: Int
        /// When it reported, seconds since 1970 on its host.
        var at: Double
    }

    /// Requests one participant lent another.
    struct Loan: Codable, Sendable, Hashable {
        /// The key's fingerprint.
        var key: String
        /// A unique id of the loan.
        var id: String
        /// The lending participant, its stage and host (a restarted lender finds its loans by them).
        var lender: String
        var lenderStage: String
        var lenderHost: String
        /// The borrowing participant.
        var borrower: String
        /// Requests lent.
        var requests: Int
        /// How long the loan runs from when it was made, in seconds.
        var seconds: Double
        /// When it ends, seconds since 1970 on the lender's host.
        var until: Double
    }

    /// The record key.
    var recordKey: String {
        switch self {
        case .state(let state): "state/\(state.key)/\(state.participant)"
        case .loan(let loan): "loan/\(loan.key)/\(loan.id)"
        case .usage(let usage): "usage/\(usage.key)/\(usage.participant)"
        }
    }

    /// The record value (JSON).
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        switch self {
        case .state(let state): return Array(try encoder.encode(state))
        case .loan(let loan): return Array(try encoder.encode(loan))
        case .usage(let usage): return Array(try encoder.encode(usage))
        }
    }

    /// Decodes a record by its key's kind.
    /// - Throws: for an unknown kind or a value that does not decode.
    static func decode(recordKey: String, value: [UInt8]) throws -> BudgetRecord {
        let decoder = JSONDecoder()
        if recordKey.hasPrefix("state/") { return .state(try decoder.decode(State.self, from: Data(value))) }
        if recordKey.hasPrefix("loan/") { return .loan(try decoder.decode(Loan.self, from: Data(value))) }
        if recordKey.hasPrefix("usage/") { return .usage(try decoder.decode(Usage.self, from: Data(value))) }
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown budget record kind: \(recordKey)"))
    }
}
