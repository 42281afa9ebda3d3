import Foundation

/// What the sync assumes of its hosts' clocks, where one host's time is compared with another's.
///
/// Deciding on another host's timestamp (an intent's ``LinkRecord/linkedAt``, an event's
/// `observedAt`) allows for ``tolerance``; everything else is decided on the services' own versions
/// or on this process's monotonic clock.
public enum HostClocks {
    /// How far apart two hosts' clocks may be: each within five minutes of true time, as in the
    /// chaos test (`SYNC_FAULT_CLOCK_OFFSET_SECONDS` of 1–5 minutes, ahead or behind).
    public static let tolerance: TimeInterval = 600
}
