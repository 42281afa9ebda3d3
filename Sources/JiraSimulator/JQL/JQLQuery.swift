/// A parsed JQL query (the subset the simulator understands).
struct JQLQuery: Sendable, Equatable {
    /// The restriction; `nil` for an unbounded query.
    var condition: JQLCondition?
    /// `ORDER BY` terms in order.
    var ordering: [JQLSortTerm]
}

/// A boolean condition tree.
indirect enum JQLCondition: Sendable, Equatable {
    case and(JQLCondition, JQLCondition)
    case or(JQLCondition, JQLCondition)
    case not(JQLCondition)
    case clause(JQLClause)

    /// The issue keys (or ids) the condition's `key` clauses name, in order.
    var issueKeys: [String] {
        switch self {
        case .and(let left, let right), .or(let left, let right): left.issueKeys + right.issueKeys
        case .not(let inner): inner.issueKeys
        case .clause(let clause):
            clause.field == .key
                ? clause.operands.compactMap { operand in
                    switch operand {
                    case .quoted(let key), .bare(let key): key
                    case .empty, .function: nil
                    }
                } : []
        }
    }
}

/// One `field operator operand` clause.
struct JQLClause: Sendable, Equatable {
    enum Operator: String, Sendable, Equatable {
        case equals = "="
        case notEquals = "!="
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
        case `in` = "in"
        case notIn = "not in"
        case `is` = "is"
        case isNot = "is not"
    }

    var field: JQLField
    var op: Operator
    var operands: [JQLOperand]
}

/// Fields the simulator can search by.
enum JQLField: String, Sendable, Equatable, CaseIterable {
    case project
    case labels
    case key
    case statusCategory
    case status
    case resolution
    case updated
    case created

    init?(jqlName: String) {
        switch jqlName.lowercased() {
        case "project": self = .project
        case "labels", "label": self = .labels
        case "key", "issuekey", "id", "issue": self = .key
        case "statuscategory": self = .statusCategory
        case "status": self = .status
        case "resolution": self = .resolution
        case "updated", "updateddate": self = .updated
        case "created", "createddate": self = .created
        default: return nil
        }
    }

    var isDate: Bool { self == .updated || self == .created }
}

/// A literal operand.
enum JQLOperand: Sendable, Equatable {
    /// A quoted string.
    case quoted(String)
    /// An unquoted word or number.
    case bare(String)
    /// `EMPTY` / `NULL`.
    case empty
    /// A function call such as `now()`.
    case function(String)

    var text: String {
        switch self {
        case .quoted(let value), .bare(let value), .function(let value): value
        case .empty: "EMPTY"
        }
    }
}

/// One `ORDER BY` term.
struct JQLSortTerm: Sendable, Equatable {
    enum Field: String, Sendable, Equatable {
        case updated, created, key, priority, status, summary
    }

    var field: Field
    var ascending: Bool
}
