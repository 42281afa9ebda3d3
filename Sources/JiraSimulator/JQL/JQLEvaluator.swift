import Foundation

/// Evaluates parsed JQL against issue snapshots for one searching user.
struct JQLEvaluator {
    let catalog: SiteCatalog
    /// The searching user's profile zone: date literals are read in it.
    let timeZone: TimeZone
    let now: Date

    /// Resolves every date operand once so invalid literals fail before any issue is looked at.
    func validate(_ condition: JQLCondition?) throws(JQLSyntaxError) {
        switch condition {
        case nil: return
        case .and(let left, let right), .or(let left, let right):
            try validate(left)
            try validate(right)
        case .not(let inner):
            try validate(inner)
        case .clause(let clause):
            if clause.field.isDate {
                for operand in clause.operands where operand != .empty { _ = try instant(operand, field: clause.field) }
            } else if clause.operands.contains(where: { if case .function = $0 { true } else { false } }) {
                throw JQLSyntaxError("Functions are not supported by the simulator for field '\(clause.field.rawValue)'.")
            }
        }
    }

    func matches(_ condition: JQLCondition?, _ issue: IssueRecord) -> Bool {
        switch condition {
        case nil: true
        case .and(let left, let right): matches(left, issue) && matches(right, issue)
        case .or(let left, let right): matches(left, issue) || matches(right, issue)
        case .not(let inner): !matches(inner, issue)
        case .clause(let clause): matches(clause, issue)
        }
    }

    private func matches(_ clause: JQLClause, _ issue: IssueRecord) -> Bool {
        if clause.field.isDate {
            let value = clause.field == .updated ? issue.updated : issue.created
            guard let operand = clause.operands.first, let bound = try? instant(operand, field: clause.field) else {
                return clause.op == .isNot
            }
            switch clause.op {
            case .equals: return value == bound
            case .notEquals: return value != bound
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            case .is: return false
            case .isNot: return true
            case .in: return clause.operands.contains { (try? instant($0, field: clause.field)) == value }
            case .notIn: return !clause.operands.contains { (try? instant($0, field: clause.field)) == value }
            }
        }
        if clause.field == .resolution,
            clause.operands.contains(where: { $0 != .empty && $0.text.lowercased() == "unresolved" })
        {
            let unresolved = issue.resolutionId == nil
            return clause.op == .equals || clause.op == .in ? unresolved : !unresolved
        }
        let values = fieldValues(clause.field, of: issue)
        let anyMatch = clause.operands.contains { operand in values.contains { $0(operand) } }
        switch clause.op {
        case .equals, .in: return anyMatch
        case .notEquals, .notIn: return !values.isEmpty && !anyMatch
        case .is: return values.isEmpty
        case .isNot: return !values.isEmpty
        default: return false
        }
    }

    /// Predicates for each value the field has on the issue (empty when the field is empty).
    private func fieldValues(_ field: JQLField, of issue: IssueRecord) -> [(JQLOperand) -> Bool] {
        switch field {
        case .project:
            guard let project = catalog.project(issue.projectKey) else { return [] }
            return [{ $0.text.caseInsensitiveCompare(project.key) == .orderedSame || $0.text == project.id
                || $0.text.caseInsensitiveCompare(project.name) == .orderedSame }]
        case .labels:
            return issue.labels.map { label in { $0.text == label } }
        case .key:
            return [{ $0.text.caseInsensitiveCompare(issue.key) == .orderedSame || $0.text == String(issue.id) }]
        case .statusCategory:
            guard let category = catalog.status(issue.statusId, in: issue.projectKey)?.category else { return [] }
            return [{ $0.text.caseInsensitiveCompare(category.rawValue) == .orderedSame
                || $0.text == String(category.id) || category.name.matches($0.text) }]
        case .status:
            guard let status = catalog.status(issue.statusId, in: issue.projectKey) else { return [] }
            return [{ $0.text == status.id || status.name.matches($0.text) }]
        case .resolution:
            guard let resolution = catalog.resolution(issue.resolutionId) else {
                return []
            }
            return [{ $0.text == resolution.id || resolution.name.matches($0.text) }]
        case .updated, .created:
            return []
        }
    }

    /// The instant a date operand denotes.
    func instant(_ operand: JQLOperand, field: JQLField) throws(JQLSyntaxError) -> Date {
        switch operand {
        case .function(let name):
            switch name.lowercased() {
            case "now": return now
            case "startofday": return calendar.startOfDay(for: now)
            default: throw JQLSyntaxError("The function '\(name)' is not supported by the simulator.")
            }
        case .bare(let text) where text.allSatisfy(\.isNumber):
            guard let milliseconds = Double(text) else { break }
            return Date(timeIntervalSince1970: milliseconds / 1000)
        case .bare(let text), .quoted(let text):
            if let relative = relativeInstant(text) { return relative }
            if let absolute = literalInstant(text) { return absolute }
        case .empty:
            break
        }
        throw JQLSyntaxError(
            "Date value '\(operand.text)' for field '\(field.rawValue)' is invalid. Valid formats include: "
                + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func literalInstant(_ text: String) -> Date? {
        for format in ["yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd"] {
            if let date = JiraTimestamp.formatter(format, timeZone: timeZone).date(from: text) { return date }
        }
        return nil
    }

    /// `-15m`, `+1d`, `-4w 2d`: minutes, hours, days and weeks relative to now.
    private func relativeInstant(_ text: String) -> Date? {
        var remaining = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = 1.0
        if remaining.first == "-" || remaining.first == "+" {
            sign = remaining.first == "-" ? -1 : 1
            remaining = remaining.dropFirst()
        }
        var total: TimeInterval = 0
        var matchedAny = false
        for part in remaining.split(separator: " ") {
            guard let unit = part.last, let amount = Double(part.dropLast()) else { return nil }
            let seconds: TimeInterval
            switch unit {
            case "m": seconds = 60
            case "h": seconds = 3600
            case "d": seconds = 86_400
            case "w": seconds = 604_800
            default: return nil
            }
            total += amount * seconds
            matchedAny = true
        }
        return matchedAny ? now.addingTimeInterval(sign * total) : nil
    }
}
