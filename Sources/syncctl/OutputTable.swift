/// A plain-text table: a bold header and left-aligned, space-padded columns.
struct OutputTable {
    /// Column titles.
    var columns: [String]
    /// Rows of cells (as many as columns).
    var rows: [[String]] = []

    /// The table as lines, padded to the widest cell of each column (colour codes not counted).
    func render(style: OutputStyle = .standardOutput) -> String {
        guard !rows.isEmpty else { return style.dim("(none)") }
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.visibleWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = index == cells.count - 1 ? 0 : max(0, widths[index] - Self.visibleWidth(cell))
                return cell + String(repeating: " ", count: padding)
            }.joined(separator: "  ")
        }
        return ([style.bold(line(columns))] + rows.map(line)).joined(separator: "\n")
    }

    /// Characters shown on a terminal: ANSI escape sequences (`ESC [ … m`) are not counted.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
