/// Splits JQL text into tokens.
struct JQLLexer {
    enum Token: Sendable, Equatable {
        case word(String)
        case string(String)
        case op(String)
        case leftParen
        case rightParen
        case comma
    }

    static func tokenize(_ text: String) throws(JQLSyntaxError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                tokens.append(.leftParen)
                index += 1
            } else if character == ")" {
                tokens.append(.rightParen)
                index += 1
            } else if character == "," {
                tokens.append(.comma)
                index += 1
            } else if character == "\"" || character == "'" {
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\\", index + 1 < characters.count {
                        value.append(characters[index + 1])
                        index += 2
                    } else if next == character {
                        closed = true
                        index += 1
                        break
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw JQLSyntaxError("The quoted string \(value) is not terminated.") }
                tokens.append(.string(value))
            } else if "=!<>~".contains(character) {
                var op = String(character)
                if index + 1 < characters.count, characters[index + 1] == "=" {
                    op.append("=")
                    index += 1
                }
                index += 1
                guard ["=", "!=", "<", "<=", ">", ">=", "~", "!~"].contains(op) else {
                    throw JQLSyntaxError("The operator '\(op)' is not valid.")
                }
                tokens.append(.op(op))
            } else {
                var word = ""
                while index < characters.count {
                    let next = characters[index]
                    if next.isWhitespace || "()=,!<>~\"'".contains(next) { break }
                    word.append(next)
                    index += 1
                }
                tokens.append(.word(word))
            }
        }
        return tokens
    }
}
