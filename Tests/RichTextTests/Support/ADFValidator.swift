import RichText

/// Checks the ADF rules Jira enforces (see docs/jira-rest.md §12) and returns every violation.
enum ADFValidator {
    private static let inlineTypes: Set<String> = ["text", "hardBreak", "mention"]
    private static let listItemChildren: Set<String> = ["paragraph", "bulletList", "orderedList", "codeBlock"]

    static func violations(_ document: ADFNode) -> [String] {
        var problems: [String] = []
        if document.type != "doc" { problems.append("root is \(document.type)") }
        if document.version != 1 { problems.append("version is \(String(describing: document.version))") }
        for child in document.content ?? [] { check(child, parent: "doc", into: &problems) }
        return problems
    }

    private static func check(_ node: ADFNode, parent: String, into problems: inout [String]) {
        if node.version != nil { problems.append("\(node.type) has a version") }
        switch node.type {
        case "text":
            guard let text = node.text, !text.isEmpty else {
                problems.append("empty text node in \(parent)")
                return
            }
            if parent == "codeBlock", node.marks != nil { problems.append("marks inside codeBlock") }
            if parent != "codeBlock", text.contains("\n") { problems.append("newline in prose text node") }
            let types = (node.marks ?? []).map(\.type)
            if types.contains("code"), !Set(types).isSubset(of: ["code", "link"]) {
                problems.append("code mark combined with \(types)")
            }
            for mark in node.marks ?? [] where mark.type == "link" && mark.attrs?["href"]?.stringValue == nil {
                problems.append("link mark without href")
            }
        case "mention":
            if node.attrs?["id"]?.stringValue?.isEmpty != false { problems.append("mention without id") }
        case "listItem":
            let types = (node.content ?? []).map(\.type)
            if let first = types.first, first != "paragraph", first != "codeBlock" {
                problems.append("listItem starts with \(first)")
            }
            if types.isEmpty { problems.append("empty listItem") }
            if !Set(types).isSubset(of: listItemChildren) { problems.append("listItem holds \(types)") }
        case "bulletList", "orderedList":
            if (node.content ?? []).contains(where: { $0.type != "listItem" }) { problems.append("list child not listItem") }
            if (node.content ?? []).isEmpty { problems.append("empty list") }
        case "paragraph", "heading":
            if (node.content ?? []).contains(where: { !inlineTypes.contains($0.type) }) {
                problems.append("block inside \(node.type)")
            }
        case "codeBlock":
            if (node.content ?? []).contains(where: { $0.type != "text" }) { problems.append("non-text in codeBlock") }
        case "blockquote":
            if (node.content ?? []).contains(where: { !listItemChildren.contains($0.type) }) {
                problems.append("blockquote holds \((node.content ?? []).map(\.type))")
            }
        case "hardBreak", "rule":
            break
        default:
            problems.append("unexpected node \(node.type)")
        }
        if inlineTypes.contains(node.type), !["paragraph", "heading", "codeBlock"].contains(parent) {
            problems.append("inline \(node.type) directly inside \(parent)")
        }
        for child in node.content ?? [] { check(child, parent: node.type, into: &problems) }
    }
}
