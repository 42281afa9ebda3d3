internal import Crdkafka

/// An error reported by the Kafka library or by librdkafka.
///
/// librdkafka classifies many of its errors; ``isRetriable`` and ``isFatal`` carry that
/// classification so callers can decide between "try again" and "give up / restart".
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// Which part of the library raised the error.
    public enum Kind: String, Sendable, Equatable {
        /// A configuration property was rejected.
        case configuration
        /// A client (producer, consumer, admin) could not be created or used.
        case client
        /// A produced message was not delivered.
        case delivery
        /// A consumer operation (subscribe, poll, store, commit, seek) failed.
        case consumer
        /// An admin operation (create topics, metadata, offsets) failed.
        case admin
        /// The client is shut down.
        case shutdown
        /// The mock cluster rejected an operation.
        case mockCluster
    }

    /// Which part of the library raised the error.
    public let kind: Kind
    /// The librdkafka error code (`rd_kafka_resp_err_t`), when there is one.
    public let code: Int32?
    /// The librdkafka symbolic name of ``code`` (e.g. `_MSG_TIMED_OUT`), when there is one.
    public let codeName: String?
    /// A human readable explanation. Never contains secret configuration values.
    public let reason: String
    /// Whether repeating the operation may succeed.
    public let isRetriable: Bool
    /// Whether the client is unusable and must be recreated (e.g. a fatal idempotence error).
    public let isFatal: Bool

    /// Creates an error; the library creates these, public for tests of callers.
    public init(
        kind: Kind,
        reason: String,
        code: Int32? = nil,
        codeName: String? = nil,
        isRetriable: Bool = false,
        isFatal: Bool = false
    ) {
        self.kind = kind
        self.reason = reason
        self.code = code
        self.codeName = codeName
        self.isRetriable = isRetriable
        self.isFatal = isFatal
    }

    /// `kind: [codeName] reason (retriable|fatal)`.
    public var description: String {
        var text = "KafkaError.\(kind.rawValue)"
        if let codeName { text += " [\(codeName)]" }
        text += ": \(reason)"
        if isFatal { text += " (fatal)" } else if isRetriable { text += " (retriable)" }
        return text
    }

    /// Whether the broker (for example the mock cluster) does not implement the request.
    public var isUnsupportedByBroker: Bool {
        guard let code else { return false }
        return code == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE.rawValue
            || code == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION.rawValue
            || code == RD_KAFKA_RESP_ERR_INVALID_REQUEST.rawValue
    }
}

extension KafkaError {
    /// Wraps a plain librdkafka error code. Retriability comes from a list of codes that
    /// librdkafka and Kafka document as transient.
    static func rdKafka(_ kind: Kind, _ err: rd_kafka_resp_err_t, context: String? = nil) -> KafkaError {
        let name = String(cString: rd_kafka_err2name(err))
        let text = String(cString: rd_kafka_err2str(err))
        return KafkaError(
            kind: kind,
            reason: context.map { "\($0): \(text)" } ?? text,
            code: err.rawValue,
            codeName: name,
            isRetriable: transientCodes.contains(err.rawValue),
            isFatal: err == RD_KAFKA_RESP_ERR__FATAL
        )
    }

    /// Wraps and DESTROYS an `rd_kafka_error_t` (librdkafka hands ownership to the caller).
    static func consuming(_ kind: Kind, _ error: OpaquePointer, context: String? = nil) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let err = rd_kafka_error_code(error)
        let text = rd_kafka_error_string(error).map { String(cString: $0) } ?? ""
        return KafkaError(
            kind: kind,
            reason: context.map { "\($0): \(text)" } ?? text,
            code: err.rawValue,
            codeName: String(cString: rd_kafka_err2name(err)),
            isRetriable: rd_kafka_error_is_retriable(error) != 0 || transientCodes.contains(err.rawValue),
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }

    /// The client was shut down before the operation completed.
    static func shutdown(_ reason: String) -> KafkaError {
        KafkaError(kind: .shutdown, reason: reason)
    }

    /// Error codes meaning the cluster denies the client what it needs (ACLs): permanent until an
    /// operator acts.
    static let deniedCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
        RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    /// Error codes that describe a transient condition.
    private static let transientCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
        RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__WAIT_COORD,
        RD_KAFKA_RESP_ERR__RESOLVE, RD_KAFKA_RESP_ERR__IN_PROGRESS, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
        RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
        RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND, RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE,
    ].reduce(into: []) { $0.insert($1.rawValue) }
}
