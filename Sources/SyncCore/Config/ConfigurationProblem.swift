/// One thing wrong with the configuration, with where it is (`routing.rules[2].match.titlePattern`).
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The dotted path of the offending setting (`""` for the whole file).
    public var path: String
    /// What is wrong and, where possible, how to fix it.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A configuration that cannot be used, with every problem found.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [ConfigurationProblem]

    /// Creates an error.
    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    public var description: String {
        "invalid configuration (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
