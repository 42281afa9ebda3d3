import GuanceAPI

/// Builds issue `modify` bodies that change only what guance-writer means to change.
package enum IssueModificationPlanner {
    /// A modify body setting `statusType` and re-sending the issue's whole `extend` (modify replaces
    /// `extend`, so assignees, channels, links and unknown keys must be sent back as fetched).
    /// - Parameters:
    ///   - issue: the issue as just fetched (read-before-write).
    ///   - statusType: the new value.
    ///   - resendingNameLevelAndDescription: for deployments whose modify requires name, level and description.
    package static func statusChange(
        of issue: GuanceIssue, to statusType: GuanceStatusType, resendingNameLevelAndDescription: Bool = false
    ) -> GuanceIssueModification {
        var modification = GuanceIssueModification(
            preserving: issue, resendingNameLevelAndDescription: resendingNameLevelAndDescription
        )
        modification.statusType = statusType
        return modification
    }
}
