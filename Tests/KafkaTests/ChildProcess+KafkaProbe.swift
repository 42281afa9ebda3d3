import Foundation
import PipelineTesting

extension ChildProcess {
    /// The `MSG` lines parsed as (partition, offset, key, value).
    var messages: [(partition: Int32, offset: Int64, key: String, value: String)] {
        lines.compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 4)
            guard fields.count == 5, fields[0] == "MSG", let partition = Int32(fields[1]), let offset = Int64(fields[2]) else {
                return nil
            }
            return (partition, offset, String(fields[3]), String(fields[4]))
        }
    }

    /// The partitions of the most recent `ASSIGNED` line (`nil` before the first one).
    var assignedPartitions: Set<Int32>? {
        guard let line = lines.last(where: { $0.hasPrefix("ASSIGNED") }) else { return nil }
        let list = line.dropFirst("ASSIGNED".count).trimmingCharacters(in: .whitespaces)
        return Set(list.split(separator: ",").compactMap { entry in
            entry.split(separator: "[").last.flatMap { Int32($0.dropLast()) }
        })
    }
}
