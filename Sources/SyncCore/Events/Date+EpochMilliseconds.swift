import Foundation

extension Date {
    /// Milliseconds since 1970, rounded: the precision of every timestamp in events, checkpoints,
    /// markers and properties the sync writes.
    public var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }
}
