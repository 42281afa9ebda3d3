/// Guance level ↔ Jira priority by the configured `priorities` map (level id → priority id).
///
/// Level → priority is the map itself; an unmapped level leaves Jira's priority alone. Priority →
/// level (opt-in, `policies.levelFromPriority`) reads the map backwards: when several levels map to
/// the priority, a level already among them is in step, else the first of them in id order
/// (`system_level_0` … `system_level_3`, then custom `issl_…` levels) is written. A priority no level
/// maps to leaves the Guance level alone.
public struct PriorityMapping: Sendable, Hashable {
    /// Level id → priority id.
    public var priorities: [String: String]

    /// Creates a mapping.
    public init(priorities: [String: String]) {
        self.priorities = priorities
    }

    /// The Jira side for a Guance `level` (`nil`: none), given Jira's priority id now.
    public func jiraPlan(level: String?, jiraPriority: String?) -> FieldPlan {
        guard let level, let wanted = priorities[level] else { return .unmapped(level.map { [$0] } ?? []) }
        return wanted == jiraPriority ? .inStep : .write([wanted])
    }

    /// The Guance side for a Jira `priority`, given the Guance level now.
    public func guancePlan(priority: String?, level: String?) -> FieldPlan {
        let candidates = levels(for: priority)
        guard let first = candidates.first else { return .unmapped(priority.map { [$0] } ?? []) }
        if let level, candidates.contains(level) { return .inStep }
        return .write([first])
    }

    /// The levels mapped to `priority`, in the order ties are broken.
    public func levels(for priority: String?) -> [String] {
        guard let priority else { return [] }
        return priorities.filter { $0.value == priority }.map(\.key).sorted { lhs, rhs in
            let (left, right) = (lhs.hasPrefix("system_level_"), rhs.hasPrefix("system_level_"))
            return left != right ? left : lhs < rhs
        }
    }

    /// Priorities several levels map to (for `--check-config` notes), with those levels in tie order.
    public var ambiguousPriorities: [(priority: String, levels: [String])] {
        Set(priorities.values).sorted().compactMap { priority in
            let levels = levels(for: priority)
            return levels.count > 1 ? (priority, levels) : nil
        }
    }
}
