import Foundation

/// A set of strings that remembers when each was added and keeps at most a given number, dropping
/// the oldest first (the webhook receiver's memory of identifiers and signed bodies).
struct RecentSet: Sendable {
    private var added: [String: Date] = [:]
    private var order: [String] = []

    /// Whether `value` is remembered.
    func contains(_ value: String) -> Bool { added[value] != nil }

    /// Remembers `value`, forgetting the oldest values beyond `capacity`.
    mutating func insert(_ value: String, at date: Date, capacity: Int) {
        guard added.updateValue(date, forKey: value) == nil else { return }
        order.append(value)
        while order.count > capacity {
            added.removeValue(forKey: order.removeFirst())
        }
    }

    /// Forgets the values added before `date`.
    mutating func forget(before date: Date) {
        let expired = order.prefix { (added[$0] ?? date) < date }.count
        guard expired > 0 else { return }
        for value in order.prefix(expired) { added.removeValue(forKey: value) }
        order.removeFirst(expired)
    }
}
