import Foundation

/// Looks for byte strings in a built executable: its symbol tables (Swift's mangled names carry
/// their module's name, librdkafka imports carry theirs), Swift's type metadata (module and type
/// names) and its string literals — what `nm` and `strings` would show, without needing either.
enum BinaryMarkers {
    /// The markers of `candidates` that occur in the file at `url`.
    static func find(_ candidates: some Sequence<String>, in url: URL) throws -> Set<String> {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        return data.withUnsafeBytes { bytes in
            Set(candidates.filter { contains(bytes, Array($0.utf8)) })
        }
    }

    /// Whether `needle` occurs in `haystack` (`memchr` for its first byte, then `memcmp`).
    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, let first = needle.first, needle.count <= haystack.count else { return false }
        let lastStart = haystack.count - needle.count
        var offset = 0
        while offset <= lastStart {
            guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
            if memcmp(hit, needle, needle.count) == 0 { return true }
            offset = base.distance(to: UnsafeRawPointer(hit)) + 1
        }
        return false
    }
}
