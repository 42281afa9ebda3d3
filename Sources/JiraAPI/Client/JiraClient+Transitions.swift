import Foundation
import RichText

extension JiraClient {
    /// Transitions available from the issue's current status, with their screen fields.
    public func transitions(issue: String) async throws -> [JiraTransition] {
        struct Body: Decodable {
            var transitions: [LenientElement<JiraTransition>]
        }
        let flavor = try await flavor()
        let request = JiraRequest(
            .GET, issuePath(flavor, issue, "transitions"), query: [("expand", "transitions.fields")],
            endpoint: "issue/{key}/transitions")
        return try await call(request, as: Body.self).transitions.compactMap(\.value)
    }

    /// Moves an issue to a status in `statusCategoryKey` (`done`, `new`, `indeterminate`), choosing the
    /// transition by `to.statusCategory.key` (never by id or localized name).
    ///
    /// When the transition screen has `resolution` and it is required (or a resolution id is
    /// configured), the configured id is used if allowed, else the first allowed value.
    /// - Returns: the transition performed, or `nil` when the issue already was in that category.
    /// - Throws: ``JiraAPIError/noTransitionToCategory(issue:category:reachableCategories:)`` when no
    ///   available transition leads there.
    @discardableResult
    public func transition(issue: String, toStatusCategory statusCategoryKey: String, resolutionId: String? = nil) async throws -> JiraTransition? {
        guard let chosen = try await transitionPlan(issue: issue, toStatusCategory: statusCategoryKey) else { return nil }
        try await perform(chosen, issue: issue, toStatusCategory: statusCategoryKey, resolutionId: resolutionId)
        return chosen
    }

    /// The transition ``transition(issue:toStatusCategory:resolutionId:)`` would take (its target
    /// status tells a caller what the issue will show), without taking it. Reads the issue's status:
    /// one already in the category (moved there meanwhile, e.g. by a person) is left as it is —
    /// a workflow may offer a transition within the category (Resolved → Closed).
    /// - Returns: `nil` when the issue already is in that category.
    /// - Throws: ``JiraAPIError/noTransitionToCategory(issue:category:reachableCategories:)`` when no
    ///   available transition leads there.
    public func transitionPlan(issue: String, toStatusCategory statusCategoryKey: String) async throws -> JiraTransition? {
        try await transitionPlan(issue: issue, toAnyOf: [statusCategoryKey]).transition
    }

    /// Like ``transitionPlan(issue:toStatusCategory:)`` for any of `statusCategoryKeys`, in order of
    /// preference (reopening: `new`, else `indeterminate`), with the status the issue has now (a
    /// caller can check it is still the one it decided on).
    ///
    /// The transitions are read before the status: the list depends on the status it was offered from,
    /// and a person may move the issue between the two reads. Read in this order, a status that still
    /// equals the one the caller decided on means the list was offered from it too; read the other way
    /// round, a list offered from a status the caller never saw (Resolved → Closed) would pass as one
    /// offered from the status it did see.
    public func transitionPlan(issue: String, toAnyOf statusCategoryKeys: [String]) async throws -> JiraTransitionPlan {
        let offered = try await transitions(issue: issue)
        let fields = try await self.issue(issue, fields: ["status", "statuscategorychangedate"]).fields
        let current = fields.status
        let changedAt = fields.statusCategoryChangeDate
        if let category = current?.category?.key, statusCategoryKeys.contains(category) {
            return JiraTransitionPlan(currentStatusId: current?.id, currentStatusCategoryChangedAt: changedAt, transition: nil)
        }
        let available = offered.filter { $0.isAvailable != false }
        for key in statusCategoryKeys {
            if let chosen = available.first(where: { $0.to?.category?.key == key }) {
                return JiraTransitionPlan(currentStatusId: current?.id, currentStatusCategoryChangedAt: changedAt, transition: chosen)
            }
        }
        throw JiraAPIError.noTransitionToCategory(
            issue: issue, category: statusCategoryKeys.joined(separator: "|"),
            reachableCategories: Array(Set(available.compactMap { $0.to?.category?.key })).sorted())
    }

    /// Takes a transition found by ``transitionPlan(issue:toStatusCategory:)``.
    public func perform(
        _ chosen: JiraTransition, issue: String, toStatusCategory statusCategoryKey: String, resolutionId: String? = nil
    ) async throws {
        var body: [String: JSONValue] = ["transition": .object(["id": .string(chosen.id)])]
        if let resolution = resolutionValue(for: chosen, preferred: resolutionId ?? configuration.resolutionId) {
            body["fields"] = .object(["resolution": .object(["id": .string(resolution)])])
        }
        let flavor = try await flavor()
        let request = JiraRequest(
            .POST, issuePath(flavor, issue, "transitions"), body: try jsonBody(.object(body)),
            endpoint: "issue/{key}/transitions", issueWriteKey: issue, repeatability: .nonIdempotent)
        do {
            try await callIgnoringBody(request)
        } catch let error as JiraAPIError where error.isOutcomeUnknown {
            // GET issue is strongly consistent: it settles whether the transition happened.
            if try await currentCategory(issue) == statusCategoryKey { return }
            throw JiraAPIError.transport(operation: request.operation, cause: "transition not applied: \(error)")
        }
    }

    /// The resolution id to send with a transition, or `nil` when the screen does not need one.
    func resolutionValue(for transition: JiraTransition, preferred: String?) -> String? {
        guard let field = transition.fields["resolution"] else { return nil }
        guard field.required || preferred != nil else { return nil }
        let allowed = field.allowedValues.map(\.id)
        if let preferred, allowed.isEmpty || allowed.contains(preferred) { return preferred }
        return allowed.first
    }

    private func currentCategory(_ issue: String) async throws -> String? {
        try await self.issue(issue, fields: ["status"]).fields.status?.category?.key
    }
}
