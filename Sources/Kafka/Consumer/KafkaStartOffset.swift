internal import Crdkafka

/// Where a manually assigned partition starts reading
/// (see ``KafkaConsumer/init(configuration:assignment:logger:)``).
public enum KafkaStartOffset: Sendable, Hashable {
    /// The oldest retained message.
    case beginning
    /// After the newest message: only messages produced from now on.
    case end
    /// A given offset (librdkafka applies `auto.offset.reset` when it is out of range).
    case offset(Int64)
    /// The group's committed offset, or `auto.offset.reset` when there is none.
    case committed

    var librdkafkaOffset: Int64 {
        switch self {
        case .beginning: Int64(RD_KAFKA_OFFSET_BEGINNING)
        case .end: Int64(RD_KAFKA_OFFSET_END)
        case .offset(let offset): offset
        case .committed: Int64(RD_KAFKA_OFFSET_STORED)
        }
    }
}
