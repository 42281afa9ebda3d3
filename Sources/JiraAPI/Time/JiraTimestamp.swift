import Foundation

/// Parses and formats Jira timestamps (`2024-01-02T03:04:05.678+0800`).
///
/// Jira writes `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with an offset **without** a colon; the parser also
/// accepts `+08:00`, `Z`, missing fractions and any fraction length, because webhooks, other API
/// versions and simulators differ.
public enum JiraTimestamp {
    /// Parses a timestamp; `nil` when the text is not one.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2)
        else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let value = scanner.number(digits: 2) else { return nil }
            second = value
        }
        var fraction = 0.0
        if scanner.skip(".") {
            guard let digits = scanner.digitRun(), !digits.isEmpty else { return nil }
            fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
        }
        guard let offset = scanner.zoneOffset(), scanner.isAtEnd,
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats an instant the way Jira does, in the given zone: `2024-01-02T03:04:05.678+0800`.
    public static func format(_ date: Date, in timeZone: TimeZone = .gmt) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let millisecondsTotal = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) + Int64(offset) * 1000
        let millis = Int(((millisecondsTotal % 1000) + 1000) % 1000)
        let local = (millisecondsTotal - Int64(millis)) / 1000
        let civil = CivilTime(secondsSinceEpoch: local)
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset)
        return civil.dateText(separator: "-") + "T" + civil.timeText(withSeconds: true)
            + "." + pad(millis, 3) + sign + pad(absolute / 3600, 2) + pad(absolute % 3600 / 60, 2)
    }
}

/// A tiny cursor over ASCII bytes for the timestamp parser.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func digitRun() -> ArraySlice<UInt8>? {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    /// `Z`, `±HHMM`, `±HH:MM` or `±HH`, in seconds east of UTC.
    mutating func zoneOffset() -> Int? {
        if skip("Z") || skip("z") { return 0 }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = number(digits: 2) else { return nil }
        var minutes = 0
        if skip(":") {
            guard let value = number(digits: 2) else { return nil }
            minutes = value
        } else if !isAtEnd {
            guard let value = number(digits: 2) else { return nil }
            minutes = value
        }
        return sign * (hours * 3600 + minutes * 60)
    }
}
