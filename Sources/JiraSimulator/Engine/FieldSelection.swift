/// Which issue fields a caller asked for (`fields=summary,-labels`, `*all`, `*navigable`).
struct FieldSelection: Sendable, Equatable {
    var includesAll: Bool
    var included: Set<String>
    var excluded: Set<String>

    static let all = FieldSelection(includesAll: true, included: [], excluded: [])
    static let idOnly = FieldSelection(includesAll: false, included: ["id"], excluded: [])

    /// Parses a list; `nil` gives `fallback`.
    static func parse(_ names: [String]?, fallback: FieldSelection) -> FieldSelection {
        guard let names, !names.isEmpty else { return fallback }
        var selection = FieldSelection(includesAll: false, included: [], excluded: [])
        for name in names {
            if name == "*all" || name == "*navigable" {
                selection.includesAll = true
            } else if name.hasPrefix("-") {
                selection.excluded.insert(String(name.dropFirst()))
            } else {
                selection.included.insert(name == "issuekey" ? "key" : name)
            }
        }
        return selection
    }

    /// Whether only `id` (and maybe `key`) were requested, so the issue has no `fields` object.
    var isIdentifiersOnly: Bool { !includesAll && included.isSubset(of: ["id", "key"]) }

    func contains(_ field: String) -> Bool {
        !excluded.contains(field) && (includesAll || included.contains(field))
    }
}
