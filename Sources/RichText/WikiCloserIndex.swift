/// The unescaped positions of `]`, `|` and `}}` in one line of wiki markup, computed in a
/// single pass so that the inline parser finds each closer in logarithmic time instead of
/// rescanning the line for every opener (a line of 30 000 `[` would otherwise be quadratic).
///
/// Escapes are resolved left to right from the start of the line, which matches a scan that
/// starts right after any unescaped opener.
struct WikiCloserIndex {
    private let brackets: [Int]
    private let pipes: [Int]
    private let braces: [Int]

    init(_ characters: [Character]) {
        var brackets: [Int] = []
        var pipes: [Int] = []
        var braces: [Int] = []
        var escaped = false
        for (index, character) in characters.enumerated() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "]": brackets.append(index)
            case "|": pipes.append(index)
            case "}" where index + 1 < characters.count && characters[index + 1] == "}": braces.append(index)
            default: break
            }
        }
        self.brackets = brackets
        self.pipes = pipes
        self.braces = braces
    }

    /// The first unescaped `]` at or after `start`.
    func closingBracket(from start: Int) -> Int? { Self.first(in: brackets, from: start) }
    /// The first unescaped `|` at or after `start`.
    func pipe(from start: Int) -> Int? { Self.first(in: pipes, from: start) }
    /// The first unescaped `}}` at or after `start`.
    func closingBraces(from start: Int) -> Int? { Self.first(in: braces, from: start) }

    private static func first(in positions: [Int], from start: Int) -> Int? {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < start { low = middle + 1 } else { high = middle }
        }
        return low < positions.count ? positions[low] : nil
    }
}
