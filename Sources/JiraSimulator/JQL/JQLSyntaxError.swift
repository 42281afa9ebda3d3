/// A JQL text the simulator refuses (answered with 400).
struct JQLSyntaxError: Error, Sendable, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
