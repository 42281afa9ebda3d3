import Foundation

/// A plain-text table for terminal output: left-aligned columns sized to their widest cell,
/// with an optional colour per row when standard output is a terminal (and `NO_COLOR` is unset).
struct ConsoleTable {
    /// A row colour (ANSI SGR code).
    enum Tint: String {
        case none = ""
        case green = "32"
        case yellow = "33"
        case red = "31"
    }

    private let headers: [String]
    private var rows: [(cells: [String], tint: Tint)] = []

    /// Creates a table with these column headers.
    init(_ headers: [String]) {
        self.headers = headers
    }

    /// Appends a row (missing cells are blank).
    mutating func append(_ cells: [String], tint: Tint = .none) {
        rows.append((cells, tint))
    }

    /// The rendered table, one line per row after the header, ending with a newline.
    func render(colours: Bool = ConsoleTable.coloursEnabled) -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.cells.count ? $0.cells[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            headers.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                return column == headers.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
        }
        var text = line(headers) + "\n"
        for row in rows {
            let rendered = line(row.cells)
            text += colours && row.tint != .none ? "\u{1B}[\(row.tint.rawValue)m\(rendered)\u{1B}[0m\n" : rendered + "\n"
        }
        return text
    }

    /// Whether standard output is a terminal that should get colours.
    static var coloursEnabled: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
