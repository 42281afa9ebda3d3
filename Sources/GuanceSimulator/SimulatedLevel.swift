/// An issue level: one of the four system levels or a custom `issl_…` level.
public struct SimulatedLevel: Sendable, Hashable {
    /// `system_level_0`…`system_level_3` or `issl_…`.
    public let uuid: String
    /// Internal numeric id (custom levels only).
    public let id: Int?
    /// Name in the level list (`P0`…`P3` for system levels).
    public let name: String
    /// Display colour.
    public let color: String
    /// Whether this is a system level.
    public let isDefault: Bool
    /// Creation time (custom levels only).
    public let createAt: Double?

    /// The name `get` reports in `levelInfo`: `system_level_3` is "未知" (Unknown) there, though the list says "P3".
    public var displayName: String { uuid == "system_level_3" ? "未知" : name }

    /// The four system levels with the documented colours.
    static let systemLevels: [SimulatedLevel] = zip(["#E94444", "#FF7931", "#FFB44A", "#C9C9C9"], 0...)
        .map { color, index in
            SimulatedLevel(
                uuid: "system_level_\(index)", id: nil, name: "P\(index)", color: color,
                isDefault: true, createAt: nil
            )
        }
}
