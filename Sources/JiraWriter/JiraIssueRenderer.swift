import JiraAPI
import RichText
import SyncCore

/// Turns a Guance issue snapshot into what the Jira issue should contain, for one Jira flavour
/// (Cloud: ADF descriptions; Data Center: wiki markup). Pure: no I/O.
package struct JiraIssueRenderer: Sendable {
    /// The configuration (routing, priorities, templates, labels, property key).
    package let configuration: SyncConfiguration
    /// The flavour whose rich-text representation is produced.
    package let flavor: JiraFlavor
    private let summaryTemplate: TextTemplate
    private let descriptionTemplate: TextTemplate

    /// Creates a renderer; fails when a template does not parse (`--check-config` reports this first).
    package init(configuration: SyncConfiguration, flavor: JiraFlavor) throws(TemplateError) {
        self.configuration = configuration
        self.flavor = flavor
        let fields = SyncConfiguration.Templates.placeholders
        summaryTemplate = try TextTemplate(configuration.templates.summary, allowedFields: fields)
        descriptionTemplate = try TextTemplate(configuration.templates.description, allowedFields: fields)
    }

    /// Renders a snapshot. `eventID` is recorded in the issue property; `channelNames` adds channel
    /// names (besides the UUIDs in the snapshot) for routing rules that name channels.
    package func render(
        _ snapshot: GuanceIssueSnapshot, eventID: EventID? = nil, channelNames: [String] = []
    ) -> RenderedJiraIssue {
        let route = configuration.routing.route(snapshot, channels: Set(snapshot.channelUUIDs + channelNames))
        let values = GuanceTemplateValues.values(for: snapshot, consoleURL: configuration.guance.consoleURL)
        let summary = summaryTemplate.render(values).singleLine(fitting: .jiraSummary)
        let document = descriptionDocument(snapshot, header: descriptionTemplate.render(values))
        let syncLabel = JiraLabel.guanceIssue(snapshot.issueUUID)
        let labels = JiraLabel.normalized(configuration.jira.labels + (route.rule?.labels ?? []) + [syncLabel])
        let property = JiraEntityProperty(
            key: configuration.jira.propertyKey,
            value: JiraPropertyMarker.issue(issueUUID: snapshot.issueUUID, workspaceUUID: snapshot.workspaceUUID, eventID: eventID)
        )
        let draft = JiraIssueDraft(
            project: route.target.project, issueTypeId: route.target.issueType, summary: summary,
            description: richText(document), priorityId: snapshot.level.flatMap { configuration.priorities[$0.id] },
            labels: labels, properties: [property.key: property.value]
        )
        return RenderedJiraIssue(
            target: route.target, ruleName: route.rule?.name, draft: draft, descriptionDocument: document,
            remoteLink: remoteLink(snapshot, url: values["url"] ?? ""), syncLabel: syncLabel, property: property
        )
    }

    /// `document` in this flavour's representation, cut to Jira's 32 767 limit with a visible marker.
    package func richText(_ document: RichDocument, limit: TextLimit = .jiraDescription) -> JiraRichText {
        switch flavor {
        case .cloud: .adf(document.adfDocument(fitting: limit))
        case .dataCenter: .wiki(document.jiraWikiMarkup(fitting: limit))
        }
    }

    /// The template header (plain text) followed by the Guance description (HTML or plain text).
    private func descriptionDocument(_ snapshot: GuanceIssueSnapshot, header: String) -> RichDocument {
        let headerBlocks = RichDocument(plainText: header).blocks
        let body = RichDocument(guanceDescription: snapshot.descriptionHTML, extendText: snapshot.descriptionText)
        let separator: [RichBlock] = headerBlocks.isEmpty || body.isEmpty ? [] : [.rule]
        return RichDocument(blocks: headerBlocks + separator + body.blocks)
    }

    /// The remote link back to the Guance issue; `resolved` when Guance says Resolved (20) or Closed (25).
    private func remoteLink(_ snapshot: GuanceIssueSnapshot, url: String) -> JiraRemoteLink {
        JiraRemoteLink(
            globalId: Self.remoteLinkGlobalId(issueUUID: snapshot.issueUUID, workspaceUUID: snapshot.workspaceUUID),
            url: url,
            title: ("Guance: " + snapshot.name).singleLine(fitting: .jiraSummary),
            summary: snapshot.level?.name,
            applicationType: "com.guance.cloud",
            applicationName: "Guance Cloud",
            relationship: "tracked in",
            resolved: [20, 25].contains(snapshot.statusType)
        )
    }

    /// `system=guance&ws=<workspace>&issue=<issue>`: the remote link's upsert key.
    package static func remoteLinkGlobalId(issueUUID: String, workspaceUUID: String?) -> String {
        "system=guance&ws=\(workspaceUUID ?? "")&issue=\(issueUUID)"
    }
}
