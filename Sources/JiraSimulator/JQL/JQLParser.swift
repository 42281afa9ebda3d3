/// Recursive-descent parser for the supported JQL subset; anything else is a `JQLSyntaxError`.
struct JQLParser {
    private var tokens: [JQLLexer.Token]
    private var position = 0

    static func parse(_ text: String) throws(JQLSyntaxError) -> JQLQuery {
        var parser = JQLParser(tokens: try JQLLexer.tokenize(text))
        return try parser.parseQuery()
    }

    private init(tokens: [JQLLexer.Token]) {
        self.tokens = tokens
    }

    private var current: JQLLexer.Token? { position < tokens.count ? tokens[position] : nil }

    private func isKeyword(_ keyword: String, at offset: Int = 0) -> Bool {
        guard position + offset < tokens.count, case .word(let word) = tokens[position + offset] else { return false }
        return word.lowercased() == keyword
    }

    private mutating func parseQuery() throws(JQLSyntaxError) -> JQLQuery {
        var condition: JQLCondition?
        if current != nil, !(isKeyword("order") && isKeyword("by", at: 1)) {
            condition = try parseOr()
        }
        var ordering: [JQLSortTerm] = []
        if isKeyword("order") {
            guard isKeyword("by", at: 1) else { throw JQLSyntaxError("Expecting 'by' after 'order'.") }
            position += 2
            ordering = try parseOrdering()
        }
        if let current {
            throw JQLSyntaxError("Unexpected token \(describe(current)) in the query.")
        }
        return JQLQuery(condition: condition, ordering: ordering)
    }

    private mutating func parseOrdering() throws(JQLSyntaxError) -> [JQLSortTerm] {
        var terms: [JQLSortTerm] = []
        repeat {
            if !terms.isEmpty { position += 1 }
            guard case .word(let name) = current else { throw JQLSyntaxError("Expecting a field name after 'order by'.") }
            let normalized = ["issuekey": "key", "id": "key"][name.lowercased()] ?? name.lowercased()
            guard let field = JQLSortTerm.Field(rawValue: normalized) else {
                throw JQLSyntaxError("Ordering by '\(name)' is not supported by the simulator.")
            }
            position += 1
            var ascending = field != .updated && field != .created
            if isKeyword("asc") {
                ascending = true
                position += 1
            } else if isKeyword("desc") {
                ascending = false
                position += 1
            }
            terms.append(JQLSortTerm(field: field, ascending: ascending))
        } while current == .comma
        guard terms.count <= 7 else { throw JQLSyntaxError("ORDER BY accepts at most 7 fields.") }
        return terms
    }

    private mutating func parseOr() throws(JQLSyntaxError) -> JQLCondition {
        var left = try parseAnd()
        while isKeyword("or") {
            position += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(JQLSyntaxError) -> JQLCondition {
        var left = try parseUnary()
        while isKeyword("and") {
            position += 1
            left = .and(left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(JQLSyntaxError) -> JQLCondition {
        if isKeyword("not") {
            position += 1
            return .not(try parseUnary())
        }
        if current == .leftParen {
            position += 1
            let inner = try parseOr()
            guard current == .rightParen else { throw JQLSyntaxError("Expecting ')' to close the group.") }
            position += 1
            return inner
        }
        return .clause(try parseClause())
    }

    private mutating func parseClause() throws(JQLSyntaxError) -> JQLClause {
        guard case .word(let name) = current else {
            throw JQLSyntaxError("Expecting a field name but got \(current.map(describe) ?? "the end of the query").")
        }
        guard let field = JQLField(jqlName: name) else {
            throw JQLSyntaxError("Field '\(name)' does not exist or is not supported by the simulator.")
        }
        position += 1
        let op = try parseOperator()
        switch op {
        case .in, .notIn:
            return JQLClause(field: field, op: op, operands: try parseList())
        case .is, .isNot:
            guard isKeyword("empty") || isKeyword("null") else { throw JQLSyntaxError("Expecting EMPTY after IS.") }
            position += 1
            return JQLClause(field: field, op: op, operands: [.empty])
        default:
            let operand = try parseOperand()
            if !field.isDate, [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(op) {
                throw JQLSyntaxError("The operator '\(op.rawValue)' is not supported for field '\(name)'.")
            }
            return JQLClause(field: field, op: op, operands: [operand])
        }
    }

    private mutating func parseOperator() throws(JQLSyntaxError) -> JQLClause.Operator {
        if case .op(let symbol) = current {
            position += 1
            guard let op = JQLClause.Operator(rawValue: symbol) else {
                throw JQLSyntaxError("The operator '\(symbol)' is not supported by the simulator.")
            }
            return op
        }
        if isKeyword("in") {
            position += 1
            return .in
        }
        if isKeyword("not"), isKeyword("in", at: 1) {
            position += 2
            return .notIn
        }
        if isKeyword("is") {
            position += 1
            if isKeyword("not") {
                position += 1
                return .isNot
            }
            return .is
        }
        throw JQLSyntaxError("Expecting an operator but got \(current.map(describe) ?? "the end of the query").")
    }

    private mutating func parseList() throws(JQLSyntaxError) -> [JQLOperand] {
        guard current == .leftParen else { throw JQLSyntaxError("Expecting '(' after IN.") }
        position += 1
        var operands: [JQLOperand] = [try parseOperand()]
        while current == .comma {
            position += 1
            operands.append(try parseOperand())
        }
        guard current == .rightParen else { throw JQLSyntaxError("Expecting ')' to close the list.") }
        position += 1
        return operands
    }

    private mutating func parseOperand() throws(JQLSyntaxError) -> JQLOperand {
        switch current {
        case .string(let value):
            position += 1
            return .quoted(value)
        case .word(let word):
            position += 1
            if ["and", "or", "order", "not", "in", "is"].contains(word.lowercased()) {
                throw JQLSyntaxError("Expecting a value but got the reserved word '\(word)'.")
            }
            if word.lowercased() == "empty" || word.lowercased() == "null" { return .empty }
            if current == .leftParen {
                position += 1
                guard current == .rightParen else {
                    throw JQLSyntaxError("Function arguments are not supported by the simulator (\(word)).")
                }
                position += 1
                return .function(word)
            }
            return .bare(word)
        default:
            throw JQLSyntaxError("Expecting a value but got \(current.map(describe) ?? "the end of the query").")
        }
    }

    private func describe(_ token: JQLLexer.Token) -> String {
        switch token {
        case .word(let word): "'\(word)'"
        case .string(let value): "\"\(value)\""
        case .op(let op): "'\(op)'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .comma: "','"
        }
    }
}
