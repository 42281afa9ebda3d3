import Foundation

/// Turns a sync cursor (an instant) into a JQL time literal that Jira reads as an instant no later
/// than the cursor.
///
/// Quoted JQL literals such as `"2024/01/02 11:03"` are read in the **searching user's profile time
/// zone** (`GET /myself` → `timeZone`) and carry no seconds. The literal is therefore rendered in that
/// zone and floored to the minute. When a local time is ambiguous (the repeated hour when daylight
/// saving time ends) the literal is moved back until every reading of it is at or before the cursor,
/// so a query refetches a little but never skips. An unquoted epoch-milliseconds number is the
/// zone-free alternative.
public enum JQLDateLiteral {
    /// The quoted literal (`"yyyy/MM/dd HH:mm"`, including the double quotes) for `instant` as seen
    /// by a user in `timeZone`.
    public static func quoted(_ instant: Date, userTimeZone timeZone: TimeZone) -> String {
        "\"" + localText(instant, in: timeZone) + "\""
    }

    /// The polling clause `updated >= "<cursor − overlap>"` for a user in `timeZone`. The overlap
    /// (two minutes by default; more on Cloud, whose search index lags) makes up for minute
    /// precision and late indexing; dedupe results on `(id, fields.updated)`.
    public static func updatedSinceClause(_ cursor: Date, overlap: Duration = .seconds(120), userTimeZone timeZone: TimeZone) -> String {
        "updated >= " + quoted(cursor.addingTimeInterval(-overlap.seconds), userTimeZone: timeZone)
    }

    /// The unquoted epoch-milliseconds literal (e.g. `1732877091000`), floored to the millisecond.
    public static func epochMilliseconds(_ instant: Date) -> String {
        String(Int64((instant.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// `yyyy/MM/dd HH:mm` (no quotes) for `instant` in `timeZone`, floored to the minute and moved back
    /// out of any ambiguous local hour so that no reading of it is later than `instant`.
    public static func localText(_ instant: Date, in timeZone: TimeZone) -> String {
        let civil = CivilTime(secondsSinceEpoch: safeLocalMinute(instant, in: timeZone))
        return civil.dateText(separator: "/") + " " + civil.timeText(withSeconds: false)
    }

    /// Every instant (seconds since the epoch) that a wall-clock reading in `timeZone` can denote:
    /// one normally, two in a repeated hour, none in a skipped hour.
    public static func readings(ofLocalText text: String, in timeZone: TimeZone) -> [Date] {
        guard let local = JiraTimestamp.parse(text.replacingOccurrences(of: "/", with: "-") + "Z") else { return [] }
        return instants(forLocalSeconds: Int64(local.timeIntervalSince1970), in: timeZone).sorted()
            .map { Date(timeIntervalSince1970: $0) }
    }

    /// Local wall-clock seconds (read as if UTC) of the literal's minute.
    private static func safeLocalMinute(_ instant: Date, in timeZone: TimeZone) -> Int64 {
        let limit = instant.timeIntervalSince1970
        var candidate = instant
        while true {
            let local = localSeconds(candidate, in: timeZone)
            let flooredLocal = local - ((local % 60) + 60) % 60
            let latest = instants(forLocalSeconds: flooredLocal, in: timeZone).max() ?? -Double.infinity
            if latest <= limit { return flooredLocal }
            candidate = Date(timeIntervalSince1970: candidate.timeIntervalSince1970 - (latest - limit) - 60)
        }
    }

    /// Whole local seconds since the epoch (the wall clock read as if it were UTC).
    private static func localSeconds(_ instant: Date, in timeZone: TimeZone) -> Int64 {
        Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: instant))
    }

    /// Every instant (seconds since the epoch) whose wall clock in `timeZone` equals `localSeconds`.
    private static func instants(forLocalSeconds local: Int64, in timeZone: TimeZone) -> [Double] {
        let probes: [Int64] = [-86_400, -10_800, 0, 10_800, 86_400]
        var offsets = Set<Int>()
        for probe in probes {
            offsets.insert(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + probe))))
        }
        return offsets.compactMap { offset in
            let instant = Date(timeIntervalSince1970: Double(local - Int64(offset)))
            return timeZone.secondsFromGMT(for: instant) == offset ? instant.timeIntervalSince1970 : nil
        }
    }
}
