import RichText

extension SimulatorState {
    /// `GET /api/v1/workspace/members/list`: members whose name or e-mail contains `search`, in the
    /// order configured (active ones, then disabled ones with `status` 1). `pageSize` is 1…100 as
    /// documented; more is refused.
    func listMembers(search: String, pageIndex: Int, pageSize: Int) throws(GuanceSimulatorError) -> ResultPage<JSONValue> {
        guard pageSize <= 100 else { throw .invalid("pageSize must be 1–100") }
        let needle = search.lowercased()
        let listed = members.filter { $0.kind == .account }.map { ($0, 0) } + disabledMembers.map { ($0, 1) }
        let matching = listed.filter { member, _ in
            needle.isEmpty || member.name.lowercased().contains(needle) || member.email.lowercased().contains(needle)
        }
        let objects: [JSONValue] = matching.map { member, status in
            .object([
                "uuid": .string(member.uuid), "name": .string(member.name), "email": .string(member.email),
                "username": .string(member.username), "role": .string("general"), "mobile": .string(""),
                "userType": .string("normal"), "status": .int(Int64(status)), "workspaceUUID": .string(workspaceUUID),
            ])
        }
        return page(of: objects, index: pageIndex, size: pageSize)
    }
}
