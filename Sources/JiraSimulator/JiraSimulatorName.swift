/// A name with its zh-CN translation (shown to users whose locale starts with `zh`).
public struct JiraSimulatorName: Sendable, Hashable {
    /// English name.
    public var english: String
    /// Simplified Chinese name.
    public var chinese: String

    /// Creates a localized name.
    public init(_ english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    func localized(chinese useChinese: Bool) -> String { useChinese ? chinese : english }
}
