/// The metric names a PromQL expression reads, by a lexical rule that is enough for our rules
/// and dashboards: identifiers that start with `sync_`, or `up`, outside label matchers
/// (`{…}`) and strings.
enum PromQLNames {
    /// The metric names in `expression`.
    static func metrics(in expression: String) -> Set<String> {
        var names = Set<String>()
        var depth = 0
        var quote: Character?
        var identifier = ""
        func flush() {
            if depth == 0, identifier.hasPrefix("sync_") || identifier == "up" { names.insert(identifier) }
            identifier = ""
        }
        for character in expression {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character.isLetter || character.isNumber || character == "_" || character == ":" {
                identifier.append(character)
                continue
            }
            flush()
            switch character {
            case "\"", "'", "`": quote = character
            case "{": depth += 1
            case "}": depth -= 1
            default: break
            }
        }
        flush()
        return names
    }
}
