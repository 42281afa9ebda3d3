extension SimulatorState {
    /// A monitor event grouped by `resource`: appended as a reply to the open or pending `checker` issue with the
    /// same resource (§7 of the docs), otherwise a new Open `checker` issue at the Unknown level.
    ///
    /// - Returns: the issue and whether it was created.
    mutating func recordMonitorEvent(
        title: String, message: String, resource: String, now: Double
    ) throws(GuanceSimulatorError) -> (issue: SimulatedIssue, created: Bool) {
        let existing = issues.values
            .filter {
                $0.deleteAt == nil && $0.resourceType == "checker" && $0.resource == resource
                    && [10, 30].contains($0.statusType)
            }
            .max { $0.id < $1.id }
        if let existing {
            // The docs do not say which reply type appended events use; the simulator writes "change".
            try addReply(
                to: existing.uuid, content: message, extend: .object([:]), type: "change", by: .monitor, now: now
            )
            return (issues[existing.uuid] ?? existing, false)
        }
        let draft = GuanceIssueDraft(
            name: title, description: message, level: "system_level_3", resourceType: "checker", resource: resource
        )
        return (try addIssue(draft, by: .monitor, now: now), true)
    }
}
